/** Node's errno codes as the WASI error codes a guest sees. Messages keep host paths out. */
import { FsBackendError, type FsErrorCode } from '@mcp-wasm/host';

const CODES: Record<string, FsErrorCode> = {
  EACCES: 'access',
  EAGAIN: 'would-block',
  EALREADY: 'already',
  EBADF: 'bad-descriptor',
  EBUSY: 'busy',
  EDEADLK: 'deadlock',
  EDQUOT: 'quota',
  EEXIST: 'exist',
  EFBIG: 'file-too-large',
  EILSEQ: 'illegal-byte-sequence',
  EINPROGRESS: 'in-progress',
  EINTR: 'interrupted',
  EINVAL: 'invalid',
  EIO: 'io',
  EISDIR: 'is-directory',
  ELOOP: 'loop',
  EMLINK: 'too-many-links',
  EMSGSIZE: 'message-size',
  ENAMETOOLONG: 'name-too-long',
  ENODEV: 'no-device',
  ENOENT: 'no-entry',
  ENOLCK: 'no-lock',
  ENOMEM: 'insufficient-memory',
  ENOSPC: 'insufficient-space',
  ENOTDIR: 'not-directory',
  ENOTEMPTY: 'not-empty',
  ENOTRECOVERABLE: 'not-recoverable',
  ENOTSUP: 'unsupported',
  EOPNOTSUPP: 'unsupported',
  ENOTTY: 'no-tty',
  ENXIO: 'no-such-device',
  EOVERFLOW: 'overflow',
  EPERM: 'not-permitted',
  EPIPE: 'pipe',
  EROFS: 'read-only',
  ESPIPE: 'invalid-seek',
  ETXTBSY: 'text-file-busy',
  EXDEV: 'cross-device',
};

/** The backend error for whatever a `node:fs` call threw (an errno error or, for a bug, anything). */
export function backendError(error: unknown): FsBackendError {
  if (error instanceof FsBackendError) return error;
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  const code = (errno && CODES[errno]) || 'io';
  // The syscall and errno only: Node's message carries the host path, which the guest must not learn.
  return new FsBackendError(code, `${(error as NodeJS.ErrnoException | null)?.syscall ?? 'operation'} failed: ${errno ?? 'unknown error'}`);
}
