/**
 * Body streams of `wasi:http`: the guest writes a request body into an `output-stream` and reads a
 * response body from an `input-stream`. They extend the `wasi:io/streams` classes the linker passes,
 * because jco accepts only instances of those classes for those resources.
 */
import { InputStream, IoError, OutputStream } from '../../wasi/io.js';
import type { HttpErrorCode } from './types.js';

/** An I/O error that carries an HTTP error code, which `http-error-code` reveals to the guest. */
export class HttpIoError extends IoError {
  constructor(
    text: string,
    readonly code: HttpErrorCode,
  ) {
    super(text);
  }
}

/** `http-error-code`: the HTTP error behind an I/O error, if it is one. */
export function httpErrorCode(error: IoError): HttpErrorCode | undefined {
  return error instanceof HttpIoError ? error.code : undefined;
}

const CLOSED = { tag: 'closed' } as const;

/** An input stream over bytes already in memory (a whole response body). */
export class BytesInputStream extends InputStream {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {
    super();
  }

  override read(len: bigint): Uint8Array {
    if (this.offset >= this.bytes.length) throw CLOSED;
    const remaining = this.bytes.length - this.offset;
    const end = this.offset + (len > BigInt(remaining) ? remaining : Number(len));
    const chunk = this.bytes.slice(this.offset, end);
    this.offset = end;
    return chunk;
  }
}

/**
 * Collects a request body up to `limit` bytes. A write past the limit fails with
 * `HTTP-request-body-size`, so the guest learns at once instead of after sending.
 */
export class BodyCollector {
  private readonly chunks: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly limit: number) {}

  /** The stream the guest writes into. */
  stream(): OutputStream {
    return new OutputStream((bytes) => this.add(bytes));
  }

  /** Everything written so far, as one array. */
  bytes(): Uint8Array {
    const all = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      all.set(chunk, offset);
      offset += chunk.length;
    }
    return all;
  }

  private add(bytes: Uint8Array): void {
    if (this.size + bytes.length > this.limit) {
      const code: HttpErrorCode = { tag: 'HTTP-request-body-size', val: BigInt(this.size + bytes.length) };
      throw { tag: 'last-operation-failed', val: new HttpIoError(`the request body exceeds the limit of ${this.limit} bytes`, code) };
    }
    this.chunks.push(bytes.slice());
    this.size += bytes.length;
  }
}
