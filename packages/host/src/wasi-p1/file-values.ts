/**
 * What the file functions share: the per-instance state they work on, and the conversions between
 * the filesystem core's values (`FsStat`, `FsTimeChange`, node kinds) and WASI p1's structures.
 */
import type { FsAccess, Reach } from '../capabilities/fs/fs-access.js';
import type { FsNodeKind, FsStat, FsTime, FsTimeChange } from '../capabilities/fs/types.js';
import { FILETYPE, FSTFLAG, LAYOUT } from './abi.js';
import { ERRNO, fail } from './errno.js';
import type { FdTable, FileDescriptor } from './fd-table.js';
import type { GuestMemory } from './memory-view.js';

/** The state of one instance that the `fd_*` and `path_*` functions share. */
export interface FileHost {
  readonly table: FdTable;
  readonly access: FsAccess;
  /** A bounds-checked view of the guest's memory, made for the call in progress. */
  memory(): GuestMemory;
}

/** Checks the live grant of `entry`'s mount for `what` and answers how to reach it. */
export function reachEntry(host: FileHost, entry: FileDescriptor, what: string, mutating: boolean): Reach {
  return host.access.reach(entry.mount, entry.names, what, mutating);
}

/** The WASI p1 `filetype` of a node kind. */
export function filetypeOf(kind: FsNodeKind): number {
  switch (kind) {
    case 'directory':
      return FILETYPE.directory;
    case 'regular-file':
      return FILETYPE.regularFile;
    case 'symbolic-link':
      return FILETYPE.symbolicLink;
    case 'character-device':
      return FILETYPE.characterDevice;
    case 'block-device':
      return FILETYPE.blockDevice;
    case 'socket':
      return FILETYPE.socketStream;
    default:
      return FILETYPE.unknown; // FIFOs and the rest: p1 has no type for them
  }
}

function nanoseconds(time: FsTime | undefined): bigint {
  return time ? time.seconds * 1_000_000_000n + BigInt(time.nanoseconds) : 0n;
}

/** Writes a `filestat` at `pointer` (checked by the caller before any I/O). */
export function writeFilestat(memory: GuestMemory, pointer: number, stat: FsStat | undefined, filetype = stat ? filetypeOf(stat.kind) : FILETYPE.characterDevice): void {
  const at = LAYOUT.filestat;
  memory.zero(pointer, at.size);
  memory.setU8(pointer + at.filetype, filetype);
  if (!stat) return;
  memory.setU64(pointer + at.dev, stat.device);
  memory.setU64(pointer + at.ino, stat.inode);
  memory.setU64(pointer + at.nlink, stat.linkCount);
  memory.setU64(pointer + at.fileSize, stat.size);
  memory.setU64(pointer + at.atim, nanoseconds(stat.accessed));
  memory.setU64(pointer + at.mtim, nanoseconds(stat.modified));
  memory.setU64(pointer + at.ctim, nanoseconds(stat.changed));
}

function timeChange(time: bigint, set: boolean, now: boolean): FsTimeChange {
  if (set && now) fail(ERRNO.inval);
  if (now) return { tag: 'now' };
  if (!set) return { tag: 'no-change' };
  const ns = BigInt.asUintN(64, time);
  return { tag: 'timestamp', val: { seconds: ns / 1_000_000_000n, nanoseconds: Number(ns % 1_000_000_000n) } };
}

/** The access and modification changes a `fstflags` asks for; both "set" and "now" for one time is `EINVAL`. */
export function timeChanges(accessed: bigint, modified: bigint, flags: number): [FsTimeChange, FsTimeChange] {
  if (flags & ~(FSTFLAG.atim | FSTFLAG.atimNow | FSTFLAG.mtim | FSTFLAG.mtimNow)) fail(ERRNO.inval);
  return [
    timeChange(accessed, (flags & FSTFLAG.atim) !== 0, (flags & FSTFLAG.atimNow) !== 0),
    timeChange(modified, (flags & FSTFLAG.mtim) !== 0, (flags & FSTFLAG.mtimNow) !== 0),
  ];
}
