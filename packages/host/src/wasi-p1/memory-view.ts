/**
 * Bounds-checked access to a guest's linear memory for one host call. Every pointer and length a
 * guest passes is checked against the memory's current size before it is used, so an out-of-range
 * pointer becomes `EFAULT` for the guest rather than a host exception. Built afresh for each call,
 * since a guest may grow (and so replace) its memory buffer between calls.
 */
import { ERRNO, fail } from './errno.js';
import { LAYOUT } from './abi.js';

/** One `iovec`/`ciovec`: a guest buffer, already checked to lie in memory. */
export interface GuestBuffer {
  readonly pointer: number;
  readonly length: number;
}

/** Most buffers one vectored call accepts (POSIX `IOV_MAX` on Linux). */
const MAX_IOVECS = 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A view of guest memory for the duration of one host call. */
export class GuestMemory {
  readonly #bytes: Uint8Array;
  readonly #view: DataView;

  constructor(memory: WebAssembly.Memory) {
    this.#bytes = new Uint8Array(memory.buffer);
    this.#view = new DataView(memory.buffer);
  }

  /**
   * Checks that `length` bytes at `pointer` lie in memory, failing with `EFAULT` otherwise, and
   * answers the pointer as an unsigned number. Arguments arrive as signed i32, hence `>>> 0`.
   */
  check(pointer: number, length: number): number {
    const start = pointer >>> 0;
    if (start + (length >>> 0) > this.#bytes.length) fail(ERRNO.fault);
    return start;
  }

  u8(pointer: number): number {
    return this.#view.getUint8(this.check(pointer, 1));
  }

  u16(pointer: number): number {
    return this.#view.getUint16(this.check(pointer, 2), true);
  }

  u32(pointer: number): number {
    return this.#view.getUint32(this.check(pointer, 4), true);
  }

  u64(pointer: number): bigint {
    return this.#view.getBigUint64(this.check(pointer, 8), true);
  }

  setU8(pointer: number, value: number): void {
    this.#view.setUint8(this.check(pointer, 1), value);
  }

  setU16(pointer: number, value: number): void {
    this.#view.setUint16(this.check(pointer, 2), value, true);
  }

  setU32(pointer: number, value: number): void {
    this.#view.setUint32(this.check(pointer, 4), value, true);
  }

  setU64(pointer: number, value: bigint): void {
    this.#view.setBigUint64(this.check(pointer, 8), BigInt.asUintN(64, value), true);
  }

  /** A live view of `length` bytes at `pointer` (not a copy: use it before the call returns). */
  bytes(pointer: number, length: number): Uint8Array {
    const start = this.check(pointer, length);
    return this.#bytes.subarray(start, start + (length >>> 0));
  }

  /** Copies `bytes` into memory at `pointer`. */
  write(pointer: number, bytes: Uint8Array): void {
    this.#bytes.set(bytes, this.check(pointer, bytes.length));
  }

  /** Zeroes `length` bytes at `pointer`. */
  zero(pointer: number, length: number): void {
    this.bytes(pointer, length).fill(0);
  }

  /** The UTF-8 string of `length` bytes at `pointer`; invalid UTF-8 fails with `EILSEQ`. */
  string(pointer: number, length: number): string {
    try {
      return utf8.decode(this.bytes(pointer, length));
    } catch (error) {
      if (error instanceof TypeError) fail(ERRNO.ilseq);
      throw error;
    }
  }

  /** The `count` buffers of the iovec array at `pointer`, each checked before any is used. */
  iovecs(pointer: number, count: number): GuestBuffer[] {
    const n = count >>> 0;
    if (n > MAX_IOVECS) fail(ERRNO.inval);
    this.check(pointer, n * LAYOUT.iovec.size);
    const buffers: GuestBuffer[] = [];
    for (let index = 0; index < n; index++) {
      const entry = (pointer >>> 0) + index * LAYOUT.iovec.size;
      const target = this.u32(entry + LAYOUT.iovec.buf);
      const length = this.u32(entry + LAYOUT.iovec.bufLen);
      this.check(target, length);
      buffers.push({ pointer: target, length });
    }
    return buffers;
  }

  /** The bytes of `buffers`, gathered into one copy (for writes). */
  gather(buffers: readonly GuestBuffer[]): Uint8Array {
    const out = new Uint8Array(buffers.reduce((sum, buffer) => sum + buffer.length, 0));
    let offset = 0;
    for (const buffer of buffers) {
      out.set(this.bytes(buffer.pointer, buffer.length), offset);
      offset += buffer.length;
    }
    return out;
  }

  /** Spreads `bytes` over `buffers` in order (for reads); answers the bytes placed. */
  scatter(buffers: readonly GuestBuffer[], bytes: Uint8Array): number {
    let offset = 0;
    for (const buffer of buffers) {
      if (offset >= bytes.length) break;
      const part = bytes.subarray(offset, offset + buffer.length);
      this.write(buffer.pointer, part);
      offset += part.length;
    }
    return offset;
  }
}
