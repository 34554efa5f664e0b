/** The error of `@mcp-wasm/sdk/fs`: the WASI code the host answered and a message a model can act on. */
import type { ErrorCode } from 'wasi:filesystem/types@0.2.12';
import { witErrorPayload } from './wit-error.js';

/**
 * A WASI filesystem error code, such as `no-entry`, `read-only` or `not-permitted` (the `error-code`
 * enum of wasi:filesystem/types; spelled out so the published types need no WIT declarations).
 */
export type FsErrorCode =
  | 'access' | 'would-block' | 'already' | 'bad-descriptor' | 'busy' | 'deadlock' | 'quota' | 'exist'
  | 'file-too-large' | 'illegal-byte-sequence' | 'in-progress' | 'interrupted' | 'invalid' | 'io'
  | 'is-directory' | 'loop' | 'too-many-links' | 'message-size' | 'name-too-long' | 'no-device'
  | 'no-entry' | 'no-lock' | 'insufficient-memory' | 'insufficient-space' | 'not-directory'
  | 'not-empty' | 'not-recoverable' | 'unsupported' | 'no-tty' | 'no-such-device' | 'overflow'
  | 'not-permitted' | 'pipe' | 'read-only' | 'invalid-seek' | 'text-file-busy' | 'cross-device';

// Keeps the two spellings in step: a code the interface adds fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameCodes: Same<FsErrorCode, ErrorCode> = true;
void sameCodes;

/** Why a file operation failed: `code` is the WASI error code, `path` the guest path it was about. */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'FsError';
  }
}

/** Plain words for the codes a servlet meets most. */
function explain(code: FsErrorCode, path: string, what: string, mount: string): string {
  switch (code) {
    case 'read-only':
      return `cannot ${what} ${path}: ${mount} is read-only: it was granted read-only`;
    case 'not-permitted':
      return `cannot ${what} ${path}: the host refused it (servlets may only use regular files and directories inside their granted directories; they may not follow or create symbolic links or hard links)`;
    case 'no-entry':
      return `cannot ${what} ${path}: it does not exist`;
    case 'exist':
      return `cannot ${what} ${path}: it already exists`;
    case 'not-directory':
      return `cannot ${what} ${path}: a part of the path is not a directory`;
    case 'is-directory':
      return `cannot ${what} ${path}: it is a directory`;
    case 'not-empty':
      return `cannot ${what} ${path}: the directory is not empty (use { recursive: true })`;
    case 'access':
      return `cannot ${what} ${path}: the host's file permissions do not allow it`;
    case 'unsupported':
      return `cannot ${what} ${path}: the host does not support files here`;
    default:
      return `cannot ${what} ${path}: ${code}`;
  }
}

/** Runs host calls for `what` on `path` (in the mount seen at `mount`), turning their error values into an `FsError`. */
export function fsCall<T>(what: string, path: string, body: () => T, mount = path): T {
  try {
    return body();
  } catch (error) {
    if (error instanceof FsError) throw error;
    const payload = witErrorPayload(error);
    if (typeof payload !== 'string') throw error; // not an error value of the interface: a bug, let it show
    throw new FsError(payload as FsErrorCode, path, explain(payload as FsErrorCode, path, what, mount));
  }
}
