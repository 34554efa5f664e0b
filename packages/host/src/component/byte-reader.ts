/**
 * A bounds-checked cursor over WebAssembly binary bytes (components and core modules): every read
 * checks that the bytes are there, and LEB128 integers are limited to their longest valid encoding,
 * so truncated or hostile bytes end in a clear `HostError` instead of a read past the end or an
 * endless loop.
 */
import { HostError } from '../errors.js';

/** Reads bytes, LEB128 integers and names from `bytes`, starting at `offset`. */
export class ByteReader {
  /** @param what what the bytes should be, for messages: `component` or `WebAssembly module` */
  constructor(
    private readonly bytes: Uint8Array,
    public offset: number,
    private readonly label: string,
    private readonly what: 'component' | 'WebAssembly module' = 'WebAssembly module',
  ) {}

  /** Whether every byte was read. */
  done(): boolean {
    return this.offset >= this.bytes.length;
  }

  /** Throws the error for malformed bytes, saying where. */
  fail(why: string): never {
    const advice = this.what === 'component' ? 'rebuild it' : 'rebuild the component';
    throw new HostError('malformed-component', `${this.label} is not a valid ${this.what} (${why} at byte ${this.offset}): ${advice}`);
  }

  /** Checks that `count` more bytes are there. */
  ensure(count: number): void {
    if (count > this.bytes.length - this.offset) this.fail('truncated');
  }

  byte(): number {
    this.ensure(1);
    return this.bytes[this.offset++]!;
  }

  /** The bytes from `start` to the current offset (a view, not a copy). */
  bytesFrom(start: number): Uint8Array {
    return this.bytes.subarray(start, this.offset);
  }

  /** The bytes from `start` to `end`, both already read (a view, not a copy). */
  bytesBetween(start: number, end: number): Uint8Array {
    return this.bytes.subarray(start, end);
  }

  /** An unsigned LEB128 integer of at most 32 bits (5 bytes). */
  u32(): number {
    const value = this.unsigned(32);
    return Number(value);
  }

  /** A name: a length, then that many bytes of UTF-8. */
  string(): string {
    const length = this.u32();
    this.ensure(length);
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    try {
      return text.decode(this.bytes.subarray(this.offset, (this.offset += length)));
    } catch {
      this.fail('a name is not valid UTF-8');
    }
  }

  /** An unsigned LEB128 integer of at most 64 bits (10 bytes), as a bigint (memory64 limits). */
  u64(): bigint {
    return this.unsigned(64);
  }

  private unsigned(bits: 32 | 64): bigint {
    let result = 0n;
    for (let shift = 0n; shift < BigInt(bits); shift += 7n) {
      const b = this.byte();
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) {
        if (result >> BigInt(bits) !== 0n) this.fail(`integer too large for ${bits} bits`);
        return result;
      }
    }
    this.fail('integer too long');
  }
}

/** The unsigned LEB128 encoding of `value`. */
export function encodeUnsigned(value: number | bigint): Uint8Array {
  let rest = BigInt(value);
  if (rest < 0n) throw new RangeError('LEB128: a negative value');
  const out: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}
