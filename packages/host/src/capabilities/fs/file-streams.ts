/**
 * Streams over a file (`read-via-stream`, `write-via-stream`, `append-via-stream`). They extend the
 * `wasi:io/streams` classes the linker passes (jco accepts only instances of those), and hold no host
 * handle: each read or write goes back through the descriptor, which checks the live grants first.
 */
import { InputStream, IoError, OutputStream } from '../../wasi/io.js';
import type { FsErrorCode } from './types.js';

/** The `error` of a failed stream operation, carrying the filesystem code `filesystem-error-code` answers. */
export class FsStreamError extends IoError {
  constructor(readonly code: FsErrorCode) {
    super(`file operation failed: ${code}`);
  }
}

/** `filesystem-error-code`: the code of a stream error raised by a file stream, none for others. */
export function filesystemErrorCode(error: unknown): FsErrorCode | undefined {
  return error instanceof FsStreamError ? error.code : undefined;
}

/** Turns a failure code thrown by the descriptor into the `stream-error` jco expects. */
function streamFailure(error: unknown): never {
  if (typeof error === 'string') throw { tag: 'last-operation-failed', val: new FsStreamError(error as FsErrorCode) };
  throw error;
}

/** Largest chunk handed over per read, and the write budget announced by `check-write`. */
const CHUNK = 64 * 1024;

/** Reads `length` bytes at `offset`, or fewer at the end; throws an error code. */
export type ReadAt = (offset: bigint, length: number) => Uint8Array;
/** Writes bytes at `offset` (or appends); answers how many; throws an error code. */
export type WriteAt = (offset: bigint | 'append', bytes: Uint8Array) => number;

/** An input stream reading a file from an offset. */
export class FileInputStream extends InputStream {
  private ended = false;

  constructor(
    private readonly readAt: ReadAt,
    private offset: bigint,
  ) {
    super();
  }

  override read(len: bigint): Uint8Array {
    if (this.ended) throw { tag: 'closed' };
    const wanted = Number(len > BigInt(CHUNK) ? BigInt(CHUNK) : len);
    if (wanted === 0) return new Uint8Array(0);
    let bytes: Uint8Array;
    try {
      bytes = this.readAt(this.offset, wanted);
    } catch (error) {
      streamFailure(error);
    }
    if (bytes.length === 0) {
      this.ended = true;
      throw { tag: 'closed' };
    }
    this.offset += BigInt(bytes.length);
    return bytes;
  }
}

/** An output stream writing a file from an offset, or appending to it. */
export class FileOutputStream extends OutputStream {
  constructor(
    private readonly writeAt: WriteAt,
    private offset: bigint | 'append',
  ) {
    super(() => {});
  }

  override checkWrite(): bigint {
    return BigInt(CHUNK);
  }

  override write(contents: Uint8Array): void {
    if (contents.length > CHUNK) throw { tag: 'last-operation-failed', val: new IoError('write larger than check-write allowed') };
    this.writeAll(contents);
  }

  override blockingWriteAndFlush(contents: Uint8Array): void {
    this.writeAll(contents);
  }

  override writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }

  override blockingWriteZeroesAndFlush(len: bigint): void {
    this.writeAll(new Uint8Array(Number(len)));
  }

  private writeAll(contents: Uint8Array): void {
    let done = 0;
    try {
      while (done < contents.length) {
        const written = this.writeAt(this.offset, contents.subarray(done, done + CHUNK));
        if (written <= 0) throw 'io' satisfies FsErrorCode;
        done += written;
        if (this.offset !== 'append') this.offset += BigInt(written);
      }
    } catch (error) {
      streamFailure(error);
    }
  }
}
