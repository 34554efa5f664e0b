/**
 * Extism kernel memory, kept on the host side: blocks of bytes a plugin allocates, fills and reads
 * through the kernel functions (`alloc`, `load_u64`, `store_u8`, …), and which carry its input,
 * output, config values, vars and HTTP bodies. Real Extism keeps them in a second linear memory;
 * here each block is its own array, addressed as `block index << 32 | offset`, so offsets within a
 * block work as PDKs expect (they read `address + i`), 0 is never a block, and a stale or forged
 * address cannot reach another block.
 *
 * Bounded: the total of live blocks may not pass `limitBytes`, so a plugin cannot grow the host's
 * memory without bound through the kernel; passing it ends the instance with the memory limit.
 */
import { memoryLimitReason } from '../limits/memory-watch.js';

const INDEX_SHIFT = 32n;
const OFFSET_MASK = (1n << INDEX_SHIFT) - 1n;

/** A kernel call the plugin got wrong (a bad address, a block past the limit): it ends the instance. */
export class KernelTrap extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KernelTrap';
  }
}

/** The blocks of one plugin instance. */
export class KernelMemory {
  private readonly blocks = new Map<number, Uint8Array>();
  private nextIndex = 1;
  private used = 0;

  constructor(private readonly limitBytes: number) {}

  /** Bytes held by live blocks. */
  get usedBytes(): number {
    return this.used;
  }

  /** A new zeroed block of `size` bytes; its address. */
  alloc(size: bigint | number): bigint {
    const bytes = Number(size);
    if (!Number.isSafeInteger(bytes) || bytes < 0) throw new KernelTrap(`alloc of an invalid size ${size}`);
    if (this.used + bytes > this.limitBytes) {
      throw new KernelTrap(`${memoryLimitReason(this.limitBytes)}: the plugin asked the host for a block of ${bytes} bytes with ${this.used} in use`);
    }
    const index = this.nextIndex++;
    this.blocks.set(index, new Uint8Array(bytes));
    this.used += bytes;
    return BigInt(index) << INDEX_SHIFT;
  }

  /** A new block holding a copy of `bytes`; its address. */
  store(bytes: Uint8Array): bigint {
    const address = this.alloc(bytes.length);
    this.blocks.get(this.indexOf(address))!.set(bytes);
    return address;
  }

  /** Frees the block starting at `address`; anything else is ignored, as in Extism. */
  free(address: bigint): void {
    const block = this.startOf(address);
    if (!block) return;
    this.blocks.delete(this.indexOf(address));
    this.used -= block.length;
  }

  /** The length of the block starting at `address`, or 0 when no block starts there. */
  length(address: bigint): bigint {
    return BigInt(this.startOf(address)?.length ?? 0);
  }

  /** The length of the block `address` points into, or 0 (`length_unsafe`). */
  lengthUnsafe(address: bigint): bigint {
    return BigInt(this.blocks.get(this.indexOf(address))?.length ?? 0);
  }

  /** The bytes of the block starting at `address` (a view), or undefined when none starts there. */
  read(address: bigint): Uint8Array | undefined {
    return this.startOf(address);
  }

  /** The first `length` bytes of the block starting at `address`; traps when it is not that long. */
  readLength(address: bigint, length: bigint): Uint8Array {
    const block = this.startOf(address);
    if (!block || length < 0n || length > BigInt(block.length)) throw new KernelTrap(`no block of ${length} bytes at address 0x${address.toString(16)}`);
    return block.subarray(0, Number(length));
  }

  loadU8(address: bigint): number {
    const [block, offset] = this.locate(address, 1);
    return block[offset]!;
  }

  loadU64(address: bigint): bigint {
    const [block, offset] = this.locate(address, 8);
    return new DataView(block.buffer, block.byteOffset, block.length).getBigUint64(offset, true);
  }

  storeU8(address: bigint, value: number): void {
    const [block, offset] = this.locate(address, 1);
    block[offset] = value & 0xff;
  }

  storeU64(address: bigint, value: bigint): void {
    const [block, offset] = this.locate(address, 8);
    new DataView(block.buffer, block.byteOffset, block.length).setBigUint64(offset, BigInt.asUintN(64, value), true);
  }

  /** Frees every block (Extism's `reset`, and the start of every call). */
  reset(): void {
    this.blocks.clear();
    this.used = 0;
  }

  private indexOf(address: bigint): number {
    return Number(BigInt.asUintN(64, address) >> INDEX_SHIFT);
  }

  private startOf(address: bigint): Uint8Array | undefined {
    return (BigInt.asUintN(64, address) & OFFSET_MASK) === 0n ? this.blocks.get(this.indexOf(address)) : undefined;
  }

  /** The block and offset `address` names, with `width` bytes there; a trap otherwise. */
  private locate(address: bigint, width: number): [Uint8Array, number] {
    const block = this.blocks.get(this.indexOf(address));
    const offset = Number(BigInt.asUintN(64, address) & OFFSET_MASK);
    if (!block || offset + width > block.length) throw new KernelTrap(`the plugin read or wrote outside its kernel memory at address 0x${BigInt.asUintN(64, address).toString(16)}`);
    return [block, offset];
  }
}
