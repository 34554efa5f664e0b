/**
 * The memory cap: rewrites a core WebAssembly module so that every memory it defines has a maximum
 * of at most a given number of 64 KiB pages. The engine then refuses to grow the memory beyond it
 * (`memory.grow` returns -1), so a guest cannot allocate past the cap however it tries; worker
 * resource limits cannot do this, as they bound only the JavaScript heap.
 *
 * Only the memory section changes; every other byte is copied as it is. Decisions:
 * - An imported memory is left alone: the module that defines it is capped (jco compiles every core
 *   module of a component, so the definer is always among them).
 * - A memory whose maximum is already at or below the cap is left as it is.
 * - A shared memory (threads) always carries a maximum: it is lowered to the cap like any other.
 * - A 64-bit memory (memory64) is capped the same way: its pages are 64 KiB too.
 * - A memory with a custom page size (a proposal this host does not support), or any other unknown
 *   limits flag, is refused: a cap counted in 64 KiB pages would not bound it.
 * - A memory whose minimum is already above the cap is refused, naming the limit.
 */
import { HostError } from '../errors.js';
import { encodeUnsigned, ByteReader } from '../component/byte-reader.js';

/** The size of a WebAssembly page. */
export const PAGE_BYTES = 64 * 1024;

/** The most pages a 32-bit memory can have (4 GiB). */
export const MAX_PAGES_32 = 65_536;

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const SECTION_MEMORY = 5;
const FLAG_HAS_MAX = 0x01;
const FLAG_SHARED = 0x02;
const FLAG_MEMORY64 = 0x04;
const KNOWN_FLAGS = FLAG_HAS_MAX | FLAG_SHARED | FLAG_MEMORY64;

/** How to word the cap in a refusal. */
export interface CapMemoryOptions {
  /** Names the module in errors; default "a core module". */
  label?: string;
  /** What to tell a person who needs more memory; default: nothing. */
  howToRaise?: string;
}

/**
 * Returns `moduleBytes` with every memory the module defines limited to `maxPages` pages; the very
 * same array when nothing needed to change. Throws `HostError('limit-exceeded')` when a memory's
 * minimum exceeds the cap, and `HostError('malformed-component')` for bytes that are not a valid
 * core module as far as this reader looks.
 */
export function capMemory(moduleBytes: Uint8Array, maxPages: number, options: CapMemoryOptions = {}): Uint8Array {
  if (!Number.isInteger(maxPages) || maxPages < 1 || maxPages > MAX_PAGES_32) {
    throw new RangeError(`a memory cap must be 1 to ${MAX_PAGES_32} pages, not ${maxPages}`);
  }
  const label = options.label ?? 'a core module';
  if (moduleBytes.length < 8 || MAGIC.some((b, i) => moduleBytes[i] !== b)) {
    throw new HostError('malformed-component', `${label} is not WebAssembly (bad magic number): rebuild the component`);
  }
  if (moduleBytes[4] !== 0x01 || moduleBytes[5] !== 0 || moduleBytes[6] !== 0 || moduleBytes[7] !== 0) {
    throw new HostError('malformed-component', `${label} is not a core WebAssembly module of version 1: rebuild the component`);
  }
  const reader = new ByteReader(moduleBytes, 8, label);
  let memorySection: { start: number; contentStart: number; end: number } | undefined;
  while (!reader.done()) {
    const start = reader.offset;
    const id = reader.byte();
    const size = reader.u32();
    reader.ensure(size);
    const contentStart = reader.offset;
    if (id === SECTION_MEMORY) {
      if (memorySection) reader.fail('a second memory section');
      memorySection = { start, contentStart, end: contentStart + size };
    }
    reader.offset = contentStart + size;
  }
  if (!memorySection) return moduleBytes;
  const content = capMemorySection(new ByteReader(moduleBytes.subarray(0, memorySection.end), memorySection.contentStart, label), BigInt(maxPages), label, options.howToRaise);
  if (!content) return moduleBytes;
  return concat([
    moduleBytes.subarray(0, memorySection.start),
    Uint8Array.of(SECTION_MEMORY),
    encodeUnsigned(content.length),
    content,
    moduleBytes.subarray(memorySection.end),
  ]);
}

/** The new contents of the memory section, or undefined when every memory is within the cap already. */
function capMemorySection(reader: ByteReader, cap: bigint, label: string, howToRaise: string | undefined): Uint8Array | undefined {
  const countStart = reader.offset;
  const count = reader.u32();
  const parts: Uint8Array[] = [reader.bytesFrom(countStart)];
  let changed = false;
  for (let index = 0; index < count; index++) {
    const entryStart = reader.offset;
    const flags = reader.byte();
    if ((flags & ~KNOWN_FLAGS) !== 0) {
      reader.fail(`memory ${index} has limits flags 0x${flags.toString(16)} (custom page sizes or an unknown proposal), which this host does not support`);
    }
    if ((flags & FLAG_SHARED) !== 0 && (flags & FLAG_HAS_MAX) === 0) reader.fail(`shared memory ${index} has no maximum`);
    const read = () => ((flags & FLAG_MEMORY64) !== 0 ? reader.u64() : BigInt(reader.u32()));
    const minimum = read();
    const minimumEnd = reader.offset;
    const maximum = (flags & FLAG_HAS_MAX) !== 0 ? read() : undefined;
    if (maximum !== undefined && maximum < minimum) reader.fail(`memory ${index} has a maximum below its minimum`);
    if (minimum > cap) {
      throw new HostError(
        'limit-exceeded',
        `${label} needs ${mebibytes(minimum)} MiB of memory at start (memory ${index}), more than its memory limit of ${mebibytes(cap)} MiB${howToRaise ? `: ${howToRaise}` : ''}`,
      );
    }
    if (maximum !== undefined && maximum <= cap) {
      parts.push(reader.bytesFrom(entryStart));
      continue;
    }
    // Keep the flags (shared, memory64) and the minimum's exact bytes; only the maximum is new.
    changed = true;
    parts.push(Uint8Array.of(flags | FLAG_HAS_MAX), reader.bytesBetween(entryStart + 1, minimumEnd), encodeUnsigned(cap));
  }
  if (!reader.done()) reader.fail('memory section size does not match its contents');
  return changed ? concat(parts) : undefined;
}

function mebibytes(pages: bigint): string {
  const bytes = Number(pages) * PAGE_BYTES;
  return String(Math.round((bytes / (1024 * 1024)) * 100) / 100);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
