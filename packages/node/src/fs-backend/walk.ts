/**
 * Race-free path walking on Linux, the heart of the filesystem backend.
 *
 * A path is never handed to the OS whole, the mount root's own path included: the root is reached
 * from `/` one name at a time, never following a symlink, and is then checked to be the very
 * directory granted (device and inode recorded at the grant), so a root whose path was re-pointed
 * after the grant (a parent renamed, a component swapped for a symlink, the directory replaced) is
 * refused rather than followed. From the mount root, each directory is opened through
 * `/proc/self/fd/<parent fd>/<name>` with O_NOFOLLOW and O_DIRECTORY while the parent's descriptor
 * is held, and the last name is reached the same way. The kernel resolves `/proc/self/fd/<n>` to
 * the very directory that descriptor holds (wherever it has been moved meanwhile) and looks up
 * only `<name>` in it, and O_NOFOLLOW refuses a symlink as that name. So a symlink swapped in by
 * another process after any check is met as a symlink (refused), never followed; an intermediate
 * component that is a symlink is never passed to the OS as part of a longer path (which would
 * follow it). Everything else (create, unlink, mkdir, rename, lstat) also names only
 * `/proc/self/fd/<verified parent>/<name>`, and those system calls do not follow a final symlink.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, type BigIntStats } from 'node:fs';
import { FsBackendError, type FsIdentity, type FsLocation } from '@mcp-wasm/host';
import { backendError } from './errno.js';

const { O_RDONLY, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK, O_NOCTTY } = constants;

/** Flags added to every open: never follow a final symlink, never block (a FIFO), never take a terminal. */
const SAFE = O_NOFOLLOW | O_NONBLOCK | O_NOCTTY;

/**
 * Linux's O_PATH (Node does not export it; this is its value on every architecture Node runs on):
 * a descriptor that only locates a directory, so reaching a mount root needs search permission on
 * its parents, as a plain path lookup does, not read permission.
 */
const O_PATH = 0o10000000;

/** The path naming `name` inside the directory open as `dirFd` (or the directory itself). */
export function inDirectory(dirFd: number, name?: string): string {
  return name === undefined ? `/proc/self/fd/${dirFd}` : `/proc/self/fd/${dirFd}/${name}`;
}

/** Defence in depth: the core sends only checked names, but a name with `/` would walk without us. */
function checkNames(names: readonly string[]): void {
  for (const name of names) {
    if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
      throw new FsBackendError('invalid', `invalid name ${JSON.stringify(name)}`);
    }
  }
}

/** Refuses a symlink or special file by its `lstat`, when it is one. */
export function refuseUnsafe(stats: BigIntStats, name: string): void {
  if (stats.isSymbolicLink()) throw new FsBackendError('not-permitted', `${name} is a symbolic link`, 'symlink');
  if (!stats.isFile() && !stats.isDirectory()) throw new FsBackendError('not-permitted', `${name} is a special file`, 'special-file');
}

/** Opens the directory `name` inside `dirFd`, never following a symlink. */
function openDirectoryIn(dirFd: number, name: string): number {
  try {
    return openSync(inDirectory(dirFd, name), O_RDONLY | O_DIRECTORY | SAFE);
  } catch (error) {
    // O_DIRECTORY|O_NOFOLLOW answers ENOTDIR for a symlink: look closer, to report it as one.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' || code === 'ELOOP') {
      try {
        refuseUnsafe(lstatSync(inDirectory(dirFd, name), { bigint: true }), name);
      } catch (refusal) {
        if (refusal instanceof FsBackendError) throw refusal;
      }
    }
    throw backendError(error);
  }
}

/** Opens the directory `name` inside `dirFd` as a locator only (O_PATH), never following a symlink. */
function locateDirectoryIn(dirFd: number, name: string): number {
  try {
    return openSync(inDirectory(dirFd, name), O_PATH | O_DIRECTORY | O_NOFOLLOW);
  } catch (error) {
    // O_DIRECTORY|O_NOFOLLOW answers ENOTDIR for a symlink: look closer, to report it as one.
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') {
      let stats: BigIntStats | undefined;
      try {
        stats = lstatSync(inDirectory(dirFd, name), { bigint: true });
      } catch {
        // gone meanwhile: report the open's own failure
      }
      if (stats?.isSymbolicLink()) throw new FsBackendError('not-permitted', `${name} is a symbolic link`, 'symlink');
    }
    throw backendError(error);
  }
}

/**
 * Opens the directory at absolute path `root` from `/`, one name at a time, never following a
 * symlink in any component (the last included); the caller closes the descriptor (an O_PATH one).
 * With `identity`, refuses (reason `root-replaced`) unless it is that directory.
 */
export function openRoot(root: string, identity?: FsIdentity): number {
  if (!root.startsWith('/')) throw new FsBackendError('invalid', 'a mount root must be an absolute path');
  const names = root.split('/').filter((name) => name !== '');
  checkNames(names);
  let fd: number;
  try {
    fd = openSync('/', O_PATH | O_DIRECTORY);
  } catch (error) {
    throw backendError(error);
  }
  try {
    for (const name of names) {
      const next = locateDirectoryIn(fd, name);
      closeSync(fd);
      fd = next;
    }
    if (identity) {
      const stats = fstatSync(fd, { bigint: true });
      if (String(stats.dev) !== identity.device || String(stats.ino) !== identity.inode) {
        throw new FsBackendError('not-permitted', 'the mount root is not the directory granted', 'root-replaced');
      }
    }
    return fd;
  } catch (error) {
    closeSync(fd);
    throw backendError(error);
  }
}

/** The identity (device and inode) of the directory a descriptor holds. */
export function identityOf(fd: number): FsIdentity {
  const stats = fstatSync(fd, { bigint: true });
  return { device: String(stats.dev), inode: String(stats.ino) };
}

/**
 * Runs `use` with a held descriptor of the directory that contains the last name of `at` (and
 * that name), or of the mount root itself (and no name) when `at.path` is empty. The descriptor
 * is closed afterwards.
 */
export function withParent<T>(at: FsLocation, use: (dirFd: number, name: string | undefined) => T): T {
  checkNames(at.path);
  // The mount root the person granted, reached without following any symlink and checked to be
  // the same directory: a path re-pointed since the grant is refused, never followed.
  let fd = openRoot(at.root, at.identity);
  try {
    for (const name of at.path.slice(0, -1)) {
      const next = openDirectoryIn(fd, name);
      closeSync(fd);
      fd = next;
    }
    return use(fd, at.path.at(-1));
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the object at `at` with `flags`, never following a symlink and never opening anything but
 * a regular file or a directory; the caller closes the descriptor.
 */
export function openObject(at: FsLocation, flags: number, mode = 0o666): number {
  return withParent(at, (dirFd, name) => {
    // `/proc/self/fd/<n>` is itself a (magic) link, to the directory already held: follow it.
    if (name === undefined) return openVerified(inDirectory(dirFd), flags | O_DIRECTORY, mode, '(mount root)', true);
    // Look first, so a FIFO or device is never opened at all (opening a device can act on it).
    try {
      refuseUnsafe(lstatSync(inDirectory(dirFd, name), { bigint: true }), name);
    } catch (error) {
      if (error instanceof FsBackendError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw backendError(error);
    }
    return openVerified(inDirectory(dirFd, name), flags, mode, name);
  });
}

/** Opens `path` safely and checks with fstat what was opened: whatever was swapped in after the look above. */
function openVerified(path: string, flags: number, mode: number, name: string, heldDirectory = false): number {
  let fd: number;
  try {
    fd = openSync(path, flags | (heldDirectory ? O_NONBLOCK | O_NOCTTY : SAFE), mode);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new FsBackendError('not-permitted', `${name} is a symbolic link`, 'symlink');
    if (code === 'ENXIO') throw new FsBackendError('not-permitted', `${name} is a special file`, 'special-file');
    throw backendError(error);
  }
  try {
    refuseUnsafe(fstatSync(fd, { bigint: true }), name);
  } catch (error) {
    closeSync(fd);
    throw error instanceof FsBackendError ? error : backendError(error);
  }
  return fd;
}

/** Runs `use` with the object at `at` open with `flags`, closing it afterwards. */
export function withObject<T>(at: FsLocation, flags: number, use: (fd: number) => T): T {
  const fd = openObject(at, flags);
  try {
    return use(fd);
  } finally {
    closeSync(fd);
  }
}
