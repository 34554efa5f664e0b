/**
 * WASI preview 1 `errno` values, and how the host's failures become them: the filesystem core's
 * `FsErrorCode` strings (so a refusal reads the same as on the component path), a guest's bad
 * pointer, and errors raised here by number.
 */
import type { FsErrorCode } from '../capabilities/fs/types.js';

/** The `errno` values used by the host functions (all of them are in `typenames.witx`). */
export const ERRNO = {
  success: 0,
  toobig: 1,
  acces: 2,
  again: 6,
  already: 7,
  badf: 8,
  busy: 10,
  deadlk: 16,
  dquot: 19,
  exist: 20,
  fault: 21,
  fbig: 22,
  ilseq: 25,
  inprogress: 26,
  intr: 27,
  inval: 28,
  io: 29,
  isdir: 31,
  loop: 32,
  mfile: 33,
  mlink: 34,
  msgsize: 35,
  nametoolong: 37,
  nodev: 43,
  noent: 44,
  nolck: 46,
  nomem: 48,
  nospc: 51,
  nosys: 52,
  notdir: 54,
  notempty: 55,
  notrecoverable: 56,
  notsock: 57,
  notsup: 58,
  notty: 59,
  nxio: 60,
  overflow: 61,
  perm: 63,
  pipe: 64,
  rofs: 69,
  spipe: 70,
  txtbsy: 74,
  xdev: 75,
  notcapable: 76,
} as const;

/** One `errno` value. */
export type Errno = (typeof ERRNO)[keyof typeof ERRNO];

/** The errno of each filesystem error code (`wasi:filesystem` and WASI p1 name the same POSIX errors). */
const FS_ERRNO: Record<FsErrorCode, Errno> = {
  access: ERRNO.acces,
  'would-block': ERRNO.again,
  already: ERRNO.already,
  'bad-descriptor': ERRNO.badf,
  busy: ERRNO.busy,
  deadlock: ERRNO.deadlk,
  quota: ERRNO.dquot,
  exist: ERRNO.exist,
  'file-too-large': ERRNO.fbig,
  'illegal-byte-sequence': ERRNO.ilseq,
  'in-progress': ERRNO.inprogress,
  interrupted: ERRNO.intr,
  invalid: ERRNO.inval,
  io: ERRNO.io,
  'is-directory': ERRNO.isdir,
  loop: ERRNO.loop,
  'too-many-links': ERRNO.mlink,
  'message-size': ERRNO.msgsize,
  'name-too-long': ERRNO.nametoolong,
  'no-device': ERRNO.nodev,
  'no-entry': ERRNO.noent,
  'no-lock': ERRNO.nolck,
  'insufficient-memory': ERRNO.nomem,
  'insufficient-space': ERRNO.nospc,
  'not-directory': ERRNO.notdir,
  'not-empty': ERRNO.notempty,
  'not-recoverable': ERRNO.notrecoverable,
  unsupported: ERRNO.notsup,
  'no-tty': ERRNO.notty,
  'no-such-device': ERRNO.nxio,
  overflow: ERRNO.overflow,
  'not-permitted': ERRNO.perm,
  pipe: ERRNO.pipe,
  'read-only': ERRNO.rofs,
  'invalid-seek': ERRNO.spipe,
  'text-file-busy': ERRNO.txtbsy,
  'cross-device': ERRNO.xdev,
};

/** A failure the guest sees as `errno` (a value, never a trap). */
export class WasiError extends Error {
  constructor(readonly errno: Errno) {
    super(`WASI errno ${errno}`);
    this.name = 'WasiError';
  }
}

/** Fails the current host function with `errno`. */
export function fail(errno: Errno): never {
  throw new WasiError(errno);
}

/**
 * The errno a failure of a host function becomes, or undefined when it is not the guest's to see
 * (an exit, a limit, a host bug): those propagate and end the instance, as traps do.
 */
export function errnoOf(error: unknown): Errno | undefined {
  if (error instanceof WasiError) return error.errno;
  if (typeof error === 'string' && Object.hasOwn(FS_ERRNO, error)) return FS_ERRNO[error as FsErrorCode];
  return undefined;
}
