/**
 * Host side of `wasi:io` (error, poll, streams) for transpiled components.
 *
 * Streams here never touch host I/O: output streams hand their bytes to a sink (the servlet's log),
 * input streams are empty. Pollables are ready at once except timers, which block the calling
 * thread until their deadline (components call blocking APIs synchronously).
 */

/** The `error` resource of `wasi:io/error`: a debug string only. */
export class IoError {
  constructor(private readonly text: string) {}
  toDebugString(): string {
    return this.text;
  }
}

/** Something a pollable waits for: ready now, or at a monotonic instant in nanoseconds. */
export class Pollable {
  /** @param readyAt monotonic nanoseconds at which this becomes ready; 0n means ready now. */
  constructor(readonly readyAt: bigint = 0n) {}
  ready(): boolean {
    return monotonicNow() >= this.readyAt;
  }
  block(): void {
    sleepUntil(this.readyAt);
  }
}

/** `wasi:io/poll.poll`: waits for the earliest pollable and returns the indices of all ready ones. */
export function poll(pollables: Pollable[]): Uint32Array {
  if (pollables.length === 0) throw new Error('poll: called with no pollables');
  const earliest = pollables.reduce((min, p) => (p.readyAt < min ? p.readyAt : min), pollables[0]!.readyAt);
  sleepUntil(earliest);
  const ready = pollables.flatMap((p, index) => (p.ready() ? [index] : []));
  return new Uint32Array(ready);
}

/** Receives what a guest writes to an output stream. */
export type ByteSink = (bytes: Uint8Array) => void;

/** Stream error values as jco expects them (`stream-error` variant). */
const CLOSED = { tag: 'closed' } as const;

/**
 * An input stream with nothing in it: every read reports `closed` (end of stream). Streams with
 * content override `read`; blocking reads and skips are defined through it, since every host
 * stream here answers at once.
 */
export class InputStream {
  read(_len: bigint): Uint8Array {
    throw CLOSED;
  }
  blockingRead(len: bigint): Uint8Array {
    return this.read(len);
  }
  skip(len: bigint): bigint {
    return BigInt(this.read(len).length);
  }
  blockingSkip(len: bigint): bigint {
    return this.skip(len);
  }
  subscribe(): Pollable {
    return new Pollable();
  }
}

/** Most bytes a guest may hand over in one write; larger writes are refused as the spec allows. */
const WRITE_BUDGET = 64 * 1024;

/** An output stream whose bytes go to a sink. */
export class OutputStream {
  constructor(private readonly sink: ByteSink) {}
  checkWrite(): bigint {
    return BigInt(WRITE_BUDGET);
  }
  write(contents: Uint8Array): void {
    if (contents.length > WRITE_BUDGET) {
      throw { tag: 'last-operation-failed', val: new IoError('write larger than check-write allowed') };
    }
    this.sink(contents);
  }
  blockingWriteAndFlush(contents: Uint8Array): void {
    for (let offset = 0; offset < contents.length; offset += WRITE_BUDGET) {
      this.sink(contents.subarray(offset, offset + WRITE_BUDGET));
    }
  }
  flush(): void {}
  blockingFlush(): void {}
  writeZeroes(len: bigint): void {
    this.write(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len: bigint): void {
    this.blockingWriteAndFlush(new Uint8Array(Number(len)));
  }
  splice(): bigint {
    throw { tag: 'last-operation-failed', val: new IoError('splice is not supported') };
  }
  blockingSplice(): bigint {
    return this.splice();
  }
  subscribe(): Pollable {
    return new Pollable();
  }
}

/** Monotonic time in nanoseconds since an arbitrary origin. */
export function monotonicNow(): bigint {
  return BigInt(Math.round(performance.now() * 1e6));
}

let sleeper: Int32Array | undefined;

/**
 * Blocks the calling thread until the monotonic clock reaches `deadline`. Components call timers
 * synchronously, so there is no event loop to yield to; Atomics.wait on a private cell is the one
 * portable way to sleep without spinning (allowed in Node and in workers, not on a browser's main thread).
 */
function sleepUntil(deadline: bigint): void {
  const remainingMs = Number(deadline - monotonicNow()) / 1e6;
  if (remainingMs <= 0) return;
  if (typeof SharedArrayBuffer === 'undefined') {
    throw new Error('sleeping is not supported in this environment: run servlets in a worker with cross-origin isolation');
  }
  sleeper ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleeper, 0, 0, remainingMs);
}
