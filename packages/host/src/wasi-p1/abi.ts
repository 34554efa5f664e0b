/**
 * The numbers and layouts of the `wasi_snapshot_preview1` ABI that the host functions use, as the
 * witx of WASI preview 1 defines them (`wasi_snapshot_preview1.witx`, `typenames.witx`). Offsets
 * are in bytes from the start of each structure in guest memory (little-endian, wasm32).
 */

/** `filetype`. WASI p1 has no FIFO type: FIFOs are `unknown`, as other hosts report them. */
export const FILETYPE = {
  unknown: 0,
  blockDevice: 1,
  characterDevice: 2,
  directory: 3,
  regularFile: 4,
  socketDgram: 5,
  socketStream: 6,
  symbolicLink: 7,
} as const;

/** `rights` bits. */
export const RIGHT = {
  fdDatasync: 1n << 0n,
  fdRead: 1n << 1n,
  fdSeek: 1n << 2n,
  fdFdstatSetFlags: 1n << 3n,
  fdSync: 1n << 4n,
  fdTell: 1n << 5n,
  fdWrite: 1n << 6n,
  fdAdvise: 1n << 7n,
  fdAllocate: 1n << 8n,
  pathCreateDirectory: 1n << 9n,
  pathCreateFile: 1n << 10n,
  pathLinkSource: 1n << 11n,
  pathLinkTarget: 1n << 12n,
  pathOpen: 1n << 13n,
  fdReaddir: 1n << 14n,
  pathReadlink: 1n << 15n,
  pathRenameSource: 1n << 16n,
  pathRenameTarget: 1n << 17n,
  pathFilestatGet: 1n << 18n,
  pathFilestatSetSize: 1n << 19n,
  pathFilestatSetTimes: 1n << 20n,
  fdFilestatGet: 1n << 21n,
  fdFilestatSetSize: 1n << 22n,
  fdFilestatSetTimes: 1n << 23n,
  pathSymlink: 1n << 24n,
  pathRemoveDirectory: 1n << 25n,
  pathUnlinkFile: 1n << 26n,
  pollFdReadwrite: 1n << 27n,
  sockShutdown: 1n << 28n,
  sockAccept: 1n << 29n,
} as const;

/**
 * What a directory descriptor can do: reach paths below it, list it, read and set its own status
 * and times, sync it. A directory is never read, written, seeked or sized as a file, so it never
 * holds those rights (a program that opens one with the rights it reports must succeed). The link
 * rights are held because programs expect every directory to have them; creating a link is still
 * refused, by policy (`EPERM`), not by rights.
 */
export const DIRECTORY_RIGHTS =
  RIGHT.fdFdstatSetFlags |
  RIGHT.fdSync |
  RIGHT.fdDatasync |
  RIGHT.pathCreateDirectory |
  RIGHT.pathCreateFile |
  RIGHT.pathLinkSource |
  RIGHT.pathLinkTarget |
  RIGHT.pathOpen |
  RIGHT.fdReaddir |
  RIGHT.pathReadlink |
  RIGHT.pathRenameSource |
  RIGHT.pathRenameTarget |
  RIGHT.pathFilestatGet |
  RIGHT.pathFilestatSetSize |
  RIGHT.pathFilestatSetTimes |
  RIGHT.fdFilestatGet |
  RIGHT.fdFilestatSetTimes |
  RIGHT.pathSymlink |
  RIGHT.pathRemoveDirectory |
  RIGHT.pathUnlinkFile;

/** What a regular file descriptor can do. */
export const FILE_RIGHTS =
  RIGHT.fdDatasync |
  RIGHT.fdRead |
  RIGHT.fdSeek |
  RIGHT.fdFdstatSetFlags |
  RIGHT.fdSync |
  RIGHT.fdTell |
  RIGHT.fdWrite |
  RIGHT.fdAdvise |
  RIGHT.fdAllocate |
  RIGHT.fdFilestatGet |
  RIGHT.fdFilestatSetSize |
  RIGHT.fdFilestatSetTimes |
  RIGHT.pollFdReadwrite;

/** What a preopened directory passes on: everything a directory or a file below it can do. */
export const INHERITED_RIGHTS = DIRECTORY_RIGHTS | FILE_RIGHTS;

/**
 * Rights of a stdio descriptor. Without seek/tell a character device is a terminal to wasi-libc,
 * so its stdout is line-buffered and each printed line reaches the log at once. Setting flags is
 * allowed (Go's runtime asks for non-blocking stdio) and changes nothing: stdio never blocks.
 */
export const STDIN_RIGHTS = RIGHT.fdRead | RIGHT.pollFdReadwrite | RIGHT.fdFilestatGet | RIGHT.fdFdstatSetFlags;
export const STDOUT_RIGHTS = RIGHT.fdWrite | RIGHT.pollFdReadwrite | RIGHT.fdFilestatGet | RIGHT.fdFdstatSetFlags;

/** `oflags`. */
export const OFLAG = { create: 1, directory: 2, exclusive: 4, truncate: 8 } as const;

/** `fdflags`. */
export const FDFLAG = { append: 1, dsync: 2, nonblock: 4, rsync: 8, sync: 16 } as const;

/** Every `fdflags` bit there is. */
export const ALL_FDFLAGS = FDFLAG.append | FDFLAG.dsync | FDFLAG.nonblock | FDFLAG.rsync | FDFLAG.sync;

/** `lookupflags`. */
export const LOOKUP_SYMLINK_FOLLOW = 1;

/** `fstflags`. */
export const FSTFLAG = { atim: 1, atimNow: 2, mtim: 4, mtimNow: 8 } as const;

/** `whence`. */
export const WHENCE = { set: 0, current: 1, end: 2 } as const;

/** `clockid`. */
export const CLOCK = { realtime: 0, monotonic: 1, processCputime: 2, threadCputime: 3 } as const;

/** `eventtype`. */
export const EVENTTYPE = { clock: 0, fdRead: 1, fdWrite: 2 } as const;

/** `subclockflags`: the timeout is an absolute time of the clock rather than a delay. */
export const SUBSCRIPTION_CLOCK_ABSTIME = 1;

/** `preopentype`: the one kind of preopen there is. */
export const PREOPENTYPE_DIR = 0;

/** Structure sizes and field offsets. */
export const LAYOUT = {
  iovec: { size: 8, buf: 0, bufLen: 4 },
  fdstat: { size: 24, filetype: 0, flags: 2, rightsBase: 8, rightsInheriting: 16 },
  filestat: { size: 64, dev: 0, ino: 8, filetype: 16, nlink: 24, fileSize: 32, atim: 40, mtim: 48, ctim: 56 },
  prestat: { size: 8, tag: 0, nameLength: 4 },
  dirent: { size: 24, next: 0, ino: 8, nameLength: 16, type: 20 },
  subscription: { size: 48, userdata: 0, tag: 8, clockId: 16, clockTimeout: 24, clockPrecision: 32, clockFlags: 40, fd: 16 },
  event: { size: 32, userdata: 0, error: 8, type: 10, nbytes: 16, flags: 24 },
} as const;
