/**
 * Failure messages in the words of server-filesystem, which passes on Node's errors
 * (`ENOENT: no such file or directory, open '/data/a.txt'`): a model that knows that server reads
 * ours the same way. The WASI code of an `FsError` picks the errno; the paths are guest paths.
 */
import { FsError } from '@mcp-wasm/sdk/fs';

/** Node's errno name and libuv's description, by WASI error code (the codes a servlet meets). */
const ERRNO: Partial<Record<string, [string, string]>> = {
  'no-entry': ['ENOENT', 'no such file or directory'],
  exist: ['EEXIST', 'file already exists'],
  'not-directory': ['ENOTDIR', 'not a directory'],
  'is-directory': ['EISDIR', 'illegal operation on a directory'],
  'not-empty': ['ENOTEMPTY', 'directory not empty'],
  access: ['EACCES', 'permission denied'],
  invalid: ['EINVAL', 'invalid argument'],
  'name-too-long': ['ENAMETOOLONG', 'name too long'],
  'cross-device': ['EXDEV', 'cross-device link not permitted'],
  'insufficient-space': ['ENOSPC', 'no space left on device'],
  'file-too-large': ['EFBIG', 'file too large'],
  io: ['EIO', 'i/o error'],
};

/**
 * Runs `body`; an `FsError` becomes an Error worded as Node's error for `syscall` on `paths` (one
 * path, or source and destination). Without paths the message names only the syscall, as Node
 * does for a read of a directory.
 */
export function asNodeError<T>(syscall: string, paths: readonly string[], body: () => T): T {
  try {
    return body();
  } catch (error) {
    if (!(error instanceof FsError)) throw error;
    throw new Error(nodeMessage(error, syscall, paths));
  }
}

function nodeMessage(error: FsError, syscall: string, paths: readonly string[]): string {
  const where = paths.map((path) => `'${path}'`).join(' -> ');
  const call = where ? `${syscall} ${where}` : syscall;
  if (error.code === 'read-only') {
    // The host refused a write the servlet's own check let through (the grant changed meanwhile).
    return `EROFS: read-only file system, ${call} (the directory was granted read-only)`;
  }
  const errno = ERRNO[error.code];
  // Other codes (not-permitted for symbolic links, ...) keep the SDK's explanation, which says why.
  return errno ? `${errno[0]}: ${errno[1]}, ${call}` : error.message;
}
