/**
 * The filesystem capability's slice of a servlet's context, and the contract its adapters fulfil.
 *
 * Division of work: the core (runtime-neutral) decides everything a grant governs (which mount,
 * read-only or not, lexical `..`, absolute paths, symlink and hard-link creation, revokes, which
 * host directories may be mounted at all: see `mount-policy.ts`) and hands the backend only a
 * mount's host directory, its identity, and names it already checked. The backend does the one
 * thing the core cannot: reach the mount root, and those names below it, on the host without
 * following any symlink, even one swapped in by another process, checking that the root is still
 * the directory granted, and without opening anything but regular files and directories. Every operation names its location afresh, so the backend keeps no handle a guest
 * could hold on to after a revoke.
 */

/**
 * Which directory a mount root is, whatever its path: device and inode as decimal strings (they
 * travel in JSON and between threads), recorded when the mount is granted and checked by the
 * backend at every operation.
 */
export interface FsIdentity {
  readonly device: string;
  readonly inode: string;
}

/** One granted directory: a host directory seen by the guest at `guestPath`. */
export interface Mount {
  /** Absolute host path of the directory: its real path when granted (no symlink in any component). */
  hostPath: string;
  /** Absolute guest path, such as `/data`. */
  guestPath: string;
  readOnly: boolean;
  /** The directory granted: an operation on a directory now at `hostPath` with another identity is refused. */
  identity: FsIdentity;
}

/** What the filesystem implementation may reach. `backend` is absent where the environment has no files (browsers). */
export interface FsContext {
  readonly mounts: readonly Mount[];
  readonly backend?: FsBackend;
}

/** The WASI `error-code` values of `wasi:filesystem/types`, as jco carries them (strings). */
export type FsErrorCode =
  | 'access'
  | 'would-block'
  | 'already'
  | 'bad-descriptor'
  | 'busy'
  | 'deadlock'
  | 'quota'
  | 'exist'
  | 'file-too-large'
  | 'illegal-byte-sequence'
  | 'in-progress'
  | 'interrupted'
  | 'invalid'
  | 'io'
  | 'is-directory'
  | 'loop'
  | 'too-many-links'
  | 'message-size'
  | 'name-too-long'
  | 'no-device'
  | 'no-entry'
  | 'no-lock'
  | 'insufficient-memory'
  | 'insufficient-space'
  | 'not-directory'
  | 'not-empty'
  | 'not-recoverable'
  | 'unsupported'
  | 'no-tty'
  | 'no-such-device'
  | 'overflow'
  | 'not-permitted'
  | 'pipe'
  | 'read-only'
  | 'invalid-seek'
  | 'text-file-busy'
  | 'cross-device';

/** The WASI `descriptor-type` of an object on the host. */
export type FsNodeKind =
  | 'unknown'
  | 'block-device'
  | 'character-device'
  | 'directory'
  | 'fifo'
  | 'symbolic-link'
  | 'regular-file'
  | 'socket';

/**
 * Where an operation applies: a mount's host directory and the names below it. The core builds it
 * only from checked input: every name is non-empty, has no `/` or NUL, and is neither `.` nor `..`.
 */
export interface FsLocation {
  /** Host path of the mount's directory, as granted (its real path then). */
  readonly root: string;
  /** The identity of the directory granted, which `root` must still lead to. */
  readonly identity: FsIdentity;
  /** Names from the mount root down; empty for the root itself. */
  readonly path: readonly string[];
}

/** A point in time as WASI carries it. */
export interface FsTime {
  seconds: bigint;
  nanoseconds: number;
}

/** Status of one object, never of a symlink's target. */
export interface FsStat {
  kind: FsNodeKind;
  size: bigint;
  linkCount: bigint;
  /** Device and inode: what identifies the object (same object, metadata hash). */
  device: bigint;
  inode: bigint;
  accessed?: FsTime;
  modified?: FsTime;
  changed?: FsTime;
}

/** One directory entry as the host lists it (symlinks and special files included, typed as such). */
export interface FsEntry {
  name: string;
  kind: FsNodeKind;
}

/** How to open an object (`open-at`). Creating or truncating is only asked for on a read-write mount. */
export interface FsOpenOptions {
  /** Create a regular file when the name is free. */
  create: boolean;
  /** With `create`: fail with `exist` when the name is taken. */
  exclusive: boolean;
  /** Empty the regular file. */
  truncate: boolean;
  /** The object must be a directory. */
  directory: boolean;
}

/** A timestamp change: keep, set to now, or set to a time. */
export type FsTimeChange = { tag: 'no-change' } | { tag: 'now' } | { tag: 'timestamp'; val: FsTime };

/**
 * Synchronous file operations supplied by the adapter. Each call walks from `at.root` afresh and
 * must, whatever another process does to the tree meanwhile:
 * - reach the mount root without following a symlink in any component of `at.root` (reason
 *   `symlink`), and refuse it unless it is the directory `at.identity` names (reason
 *   `root-replaced`): a root moved, replaced or re-pointed after the grant is never used;
 * - never follow a symlink in any component below the root, the last one included: a symlink met
 *   on the way (or opened as the object) fails with `FsBackendError` of reason `symlink`;
 * - open nothing but regular files and directories, and never block on opening: anything else
 *   fails with reason `special-file`;
 * - touch nothing outside `at.root`.
 * Other failures throw `FsBackendError` with the matching WASI code. Mutating calls are made only
 * after the core checked that the mount is read-write.
 */
export interface FsBackend {
  /** Status of the object itself; a symlink as the last name answers kind `symbolic-link` (not followed). */
  stat(at: FsLocation): FsStat;
  /** Opens the object as `options` says (creating or truncating a regular file) and answers its status. */
  open(at: FsLocation, options: FsOpenOptions): FsStat;
  /** Up to `length` bytes of the regular file from `offset`; fewer only at its end. */
  read(at: FsLocation, offset: bigint, length: number): Uint8Array;
  /** Writes `bytes` at `offset`, or at the end of the file when `offset` is `append`; answers the bytes written. */
  write(at: FsLocation, offset: bigint | 'append', bytes: Uint8Array): number;
  /** Truncates or extends the regular file to `size`. */
  setSize(at: FsLocation, size: bigint): void;
  /** Changes the object's timestamps. */
  setTimes(at: FsLocation, accessed: FsTimeChange, modified: FsTimeChange): void;
  /** Flushes the object to storage (data only when `dataOnly`). */
  sync(at: FsLocation, dataOnly: boolean): void;
  /** The entries of the directory, without `.` and `..`. */
  readDirectory(at: FsLocation): FsEntry[];
  /** Creates the directory `at` (its parent must exist). */
  createDirectory(at: FsLocation): void;
  /** Removes the empty directory `at`. */
  removeDirectory(at: FsLocation): void;
  /** Removes the non-directory `at` (a symlink itself, never its target). */
  unlinkFile(at: FsLocation): void;
  /** Renames `from` to `to`, replacing what `to` names as the host allows. */
  rename(from: FsLocation, to: FsLocation): void;
}

/**
 * Why a backend refused on its own: the object was something servlets may never touch, or the
 * mount root's path no longer leads to the directory granted.
 */
export type FsRefusalReason = 'symlink' | 'special-file' | 'root-replaced';

/** A failure of a backend operation, with the WASI code the guest sees. */
export class FsBackendError extends Error {
  constructor(
    readonly code: FsErrorCode,
    message: string,
    /** Set when the backend met a symlink or special file: the core reports it as a denial. */
    readonly refusal?: FsRefusalReason,
  ) {
    super(message);
    this.name = 'FsBackendError';
  }
}
