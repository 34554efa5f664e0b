/**
 * The filesystem backend for Node: synchronous `node:fs` calls made race-free by `walk.ts`.
 *
 * Platform support: Linux only. The race-free walk needs `/proc/self/fd` (Node has no `openat`),
 * and we chose to refuse elsewhere rather than fall back to check-then-use on whole paths: such a
 * fallback would let another process swap a directory for a symlink between the check and the use,
 * which is exactly the escape this capability promises to prevent. On other platforms every
 * operation fails with `unsupported` and `unsupportedReason` says why, so the adapter can warn.
 */
import {
  existsSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readSync,
  renameSync,
  rmdirSync,
  unlinkSync,
  writeSync,
  constants,
  type BigIntStats,
  type Dirent,
} from 'node:fs';
import { FsBackendError, type FsBackend, type FsEntry, type FsLocation, type FsNodeKind, type FsOpenOptions, type FsStat, type FsTime, type FsTimeChange } from '@mcp-wasm/host';
import { backendError } from './errno.js';
import { inDirectory, withObject, withParent } from './walk.js';

const { O_RDONLY, O_WRONLY, O_APPEND, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY } = constants;

/** Why this platform cannot have the filesystem capability, or undefined when it can. */
export function fsUnsupportedReason(): string | undefined {
  if (process.platform === 'linux' && existsSync('/proc/self/fd')) return undefined;
  return `the filesystem capability is not supported on this platform (${process.platform}): it needs Linux's /proc/self/fd to open files without ever following a symlink`;
}

function kindOf(stats: BigIntStats | Dirent): FsNodeKind {
  if (stats.isFile()) return 'regular-file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symbolic-link';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isCharacterDevice()) return 'character-device';
  return 'unknown';
}

function time(ns: bigint): FsTime {
  return { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) };
}

function toStat(stats: BigIntStats): FsStat {
  return {
    kind: kindOf(stats),
    size: stats.size,
    linkCount: stats.nlink,
    device: stats.dev,
    inode: stats.ino,
    accessed: time(stats.atimeNs),
    modified: time(stats.mtimeNs),
    changed: time(stats.ctimeNs),
  };
}

/** A file offset as Node takes it; beyond 2^53 no file of ours reaches. */
function position(offset: bigint): number {
  if (offset > BigInt(Number.MAX_SAFE_INTEGER)) throw new FsBackendError('file-too-large', 'offset too large');
  return Number(offset);
}

/**
 * Whether this process's libuv cuts file times to the microsecond (it does before 1.52; Node has
 * no call that sets nanoseconds: every time goes to libuv as a double of seconds).
 */
const [UV_MAJOR = 0, UV_MINOR = 0] = process.versions.uv.split('.').map(Number);
const CUTS_TO_MICROSECONDS = UV_MAJOR === 1 && UV_MINOR < 52;

/**
 * A time in nanoseconds as the double of seconds `futimes` takes. Where libuv cuts to the
 * microsecond, half a microsecond is added: the double is off by up to a quarter of one at today's
 * dates, and must not land in the microsecond below (which cut the time by a whole microsecond).
 */
function secondsOf(ns: bigint): number {
  if (!CUTS_TO_MICROSECONDS) return Number(ns / 1_000_000_000n) + Number(ns % 1_000_000_000n) / 1e9;
  const micros = ns / 1000n;
  return Number(micros / 1_000_000n) + (Number(micros % 1_000_000n) + 0.5) / 1e6;
}

/** Seconds for `futimes`, keeping `current` for `no-change` (to the microsecond: see `secondsOf`). */
function seconds(change: FsTimeChange, currentNs: bigint): number {
  if (change.tag === 'now') return Date.now() / 1000;
  if (change.tag === 'timestamp') return secondsOf(change.val.seconds * 1_000_000_000n + BigInt(change.val.nanoseconds));
  return secondsOf(currentNs);
}

/** Runs a `node:fs` call, turning its failure into a backend error. */
function attempt<T>(operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    throw backendError(error);
  }
}

/** The last name of `at`; operations on the mount root itself fail with `code`. */
function lastName(name: string | undefined, code: 'exist' | 'busy'): string {
  if (name === undefined) throw new FsBackendError(code, 'the mount root itself');
  return name;
}

/** The Node filesystem backend (Linux). Stateless: every call walks from the mount root. */
export class NodeFsBackend implements FsBackend {
  /** Why every operation fails with `unsupported` here, or undefined where the backend works. */
  readonly unsupportedReason = fsUnsupportedReason();

  stat(at: FsLocation): FsStat {
    this.supported();
    return withParent(at, (dirFd, name) =>
      toStat(attempt(() => (name === undefined ? fstatSync(dirFd, { bigint: true }) : lstatSync(inDirectory(dirFd, name), { bigint: true })))),
    );
  }

  open(at: FsLocation, options: FsOpenOptions): FsStat {
    this.supported();
    const writes = options.create || options.truncate;
    const flags =
      (writes ? O_WRONLY : O_RDONLY) |
      (options.create ? O_CREAT : 0) |
      (options.create && options.exclusive ? O_EXCL : 0) |
      (options.truncate ? O_TRUNC : 0) |
      (options.directory ? O_DIRECTORY : 0);
    return withObject(at, flags, (fd) => toStat(attempt(() => fstatSync(fd, { bigint: true }))));
  }

  read(at: FsLocation, offset: bigint, length: number): Uint8Array {
    this.supported();
    return withObject(at, O_RDONLY, (fd) => {
      const buffer = new Uint8Array(length);
      let filled = 0;
      while (filled < length) {
        const count = attempt(() => readSync(fd, buffer, filled, length - filled, offset + BigInt(filled)));
        if (count === 0) break;
        filled += count;
      }
      return buffer.subarray(0, filled);
    });
  }

  write(at: FsLocation, offset: bigint | 'append', bytes: Uint8Array): number {
    this.supported();
    return withObject(at, offset === 'append' ? O_WRONLY | O_APPEND : O_WRONLY, (fd) => {
      let done = 0;
      while (done < bytes.length) {
        const where = offset === 'append' ? null : position(offset + BigInt(done));
        done += attempt(() => writeSync(fd, bytes, done, bytes.length - done, where));
      }
      return done;
    });
  }

  setSize(at: FsLocation, size: bigint): void {
    this.supported();
    withObject(at, O_WRONLY, (fd) => attempt(() => ftruncateSync(fd, position(size))));
  }

  setTimes(at: FsLocation, accessed: FsTimeChange, modified: FsTimeChange): void {
    this.supported();
    withObject(at, O_RDONLY, (fd) =>
      attempt(() => {
        const current = fstatSync(fd, { bigint: true });
        futimesSync(fd, seconds(accessed, current.atimeNs), seconds(modified, current.mtimeNs));
      }),
    );
  }

  sync(at: FsLocation, dataOnly: boolean): void {
    this.supported();
    withObject(at, O_RDONLY, (fd) => attempt(() => (dataOnly ? fdatasyncSync(fd) : fsyncSync(fd))));
  }

  readDirectory(at: FsLocation): FsEntry[] {
    this.supported();
    return withObject(at, O_RDONLY | O_DIRECTORY, (fd) =>
      attempt(() =>
        readdirSync(inDirectory(fd), { withFileTypes: true }).map((entry) => {
          // Some file systems do not report types in listings: ask (lstat, never following).
          let kind = kindOf(entry);
          if (kind === 'unknown') kind = kindOf(lstatSync(inDirectory(fd, entry.name), { bigint: true }));
          return { name: entry.name, kind };
        }),
      ),
    );
  }

  createDirectory(at: FsLocation): void {
    this.supported();
    withParent(at, (dirFd, name) => attempt(() => mkdirSync(inDirectory(dirFd, lastName(name, 'exist')), 0o777)));
  }

  removeDirectory(at: FsLocation): void {
    this.supported();
    withParent(at, (dirFd, name) => attempt(() => rmdirSync(inDirectory(dirFd, lastName(name, 'busy')))));
  }

  unlinkFile(at: FsLocation): void {
    this.supported();
    withParent(at, (dirFd, name) => attempt(() => unlinkSync(inDirectory(dirFd, lastName(name, 'busy')))));
  }

  rename(from: FsLocation, to: FsLocation): void {
    this.supported();
    withParent(from, (fromFd, fromName) =>
      withParent(to, (toFd, toName) => attempt(() => renameSync(inDirectory(fromFd, lastName(fromName, 'busy')), inDirectory(toFd, lastName(toName, 'busy'))))),
    );
  }

  private supported(): void {
    if (this.unsupportedReason) throw new FsBackendError('unsupported', this.unsupportedReason);
  }
}

/** The filesystem backend for this process (see `NodeFsBackend` for platform support). */
export function createNodeFsBackend(): NodeFsBackend {
  return new NodeFsBackend();
}
