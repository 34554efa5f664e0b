import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostError } from '../errors.js';
import { capMemory } from './memory-cap.js';
import { encodeUnsigned } from '../component/byte-reader.js';

// Modules are assembled by hand here, section by section, so each test shows the exact bytes at stake.
const PREAMBLE = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const leb = (value: number | bigint) => [...encodeUnsigned(value)];
const section = (id: number, content: number[]) => [id, ...leb(content.length), ...content];
const name = (text: string) => [...leb(text.length), ...new TextEncoder().encode(text)];
const custom = (title: string, payload: number[]) => section(0, [...name(title), ...payload]);
/** A memory section of memories given as their encoded limits. */
const memories = (...limits: number[][]) => section(5, [...leb(limits.length), ...limits.flat()]);

/** `(func (export "grow") (param i32) (result i32) local.get 0 memory.grow)`, exporting memory 0 as "memory". */
function growModule(memorySection: number[], imports: number[] = []): Uint8Array {
  return Uint8Array.from([
    ...PREAMBLE,
    ...custom('before', [1, 2, 3]),
    ...section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]),
    ...imports,
    ...section(3, [1, 0]),
    ...memorySection,
    ...section(7, [2, ...name('grow'), 0x00, 0, ...name('memory'), 0x02, 0]),
    ...section(10, [1, ...leb(6), 0, 0x20, 0, 0x40, 0, 0x0b]),
    ...custom('after', [4, 5, 6]),
  ]);
}

/** Where the memory section starts and ends in `bytes` (the test modules have one, after known sections). */
function splitAtMemory(bytes: Uint8Array): { before: number[]; memory: number[]; after: number[] } {
  let offset = 8;
  while (offset < bytes.length) {
    const start = offset;
    const id = bytes[offset++]!;
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const b = bytes[offset++]!;
      size |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
    }
    offset += size;
    if (id === 5) return { before: [...bytes.subarray(0, start)], memory: [...bytes.subarray(start, offset)], after: [...bytes.subarray(offset)] };
  }
  throw new Error('no memory section');
}

function instantiate(bytes: Uint8Array): { grow(pages: number): number; memory: WebAssembly.Memory } {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>));
  return instance.exports as unknown as { grow(pages: number): number; memory: WebAssembly.Memory };
}

const isMalformed = (error: unknown) => error instanceof HostError && error.code === 'malformed-component';

test('a memory without a maximum gets the cap, which the engine enforces; every other byte stays', () => {
  const original = growModule(memories([0x00, 1]));
  const capped = capMemory(original, 4);
  assert.deepEqual(splitAtMemory(capped).memory, memories([0x01, 1, 4]));
  assert.deepEqual(splitAtMemory(capped).before, splitAtMemory(original).before);
  assert.deepEqual(splitAtMemory(capped).after, splitAtMemory(original).after);

  const { grow, memory } = instantiate(capped);
  assert.equal(grow(3), 1, 'growth up to the cap is allowed');
  assert.equal(grow(1), -1, 'memory.grow in the guest fails past the cap');
  assert.throws(() => memory.grow(1), RangeError, 'so does growth from the host side');
  assert.equal(memory.buffer.byteLength, 4 * 65536);
  assert.equal(instantiate(original).grow(100), 1, 'uncapped, the same module grows freely');
});

test('a maximum above the cap is lowered; one at or below it is left alone (the very same bytes)', () => {
  assert.deepEqual(splitAtMemory(capMemory(growModule(memories([0x01, 1, ...leb(65536)])), 300)).memory, memories([0x01, 1, ...leb(300)]));
  const small = growModule(memories([0x01, 1, 2]));
  assert.equal(capMemory(small, 300), small);
  const exact = growModule(memories([0x01, 1, ...leb(300)]));
  assert.equal(capMemory(exact, 300), exact);
});

test('a module without memories, or with only an imported memory, is returned as it is', () => {
  const none = Uint8Array.from([...PREAMBLE, ...custom('only', [])]);
  assert.equal(capMemory(none, 1), none);
  const imported = growModule([], section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 1]));
  assert.equal(capMemory(imported, 1), imported);
});

test('several memories are each capped, and the exact bytes of their minimums are kept (even padded LEB128)', () => {
  const padded = [0x81, 0x80, 0x00]; // 1, in three bytes
  const capped = capMemory(Uint8Array.from([...PREAMBLE, ...memories([0x00, ...padded], [0x01, 2, 3], [0x01, 0, ...leb(1000)])]), 10);
  assert.deepEqual([...capped], [...PREAMBLE, ...memories([0x01, ...padded, 10], [0x01, 2, 3], [0x01, 0, 10])]);
});

test('a shared memory keeps its flag and gets the cap as its maximum', () => {
  const capped = capMemory(growModule(memories([0x03, 1, ...leb(65536)])), 8);
  assert.deepEqual(splitAtMemory(capped).memory, memories([0x03, 1, 8]));
  assert.ok(new WebAssembly.Module(capped as Uint8Array<ArrayBuffer>), 'still a valid module');
  assert.throws(() => capMemory(Uint8Array.from([...PREAMBLE, ...memories([0x02, 1])]), 8), isMalformed, 'shared without a maximum is invalid');
});

test('a 64-bit memory is capped in the same 64 KiB pages, its limits encoded as 64-bit integers', () => {
  const huge = leb(1n << 40n);
  const capped = capMemory(Uint8Array.from([...PREAMBLE, ...memories([0x05, 1, ...huge])]), 16);
  assert.deepEqual([...capped], [...PREAMBLE, ...memories([0x05, 1, 16])]);
  assert.throws(() => capMemory(Uint8Array.from([...PREAMBLE, ...memories([0x04, ...leb(1n << 40n)])]), 16), /more than its memory limit/);
});

test('a minimum above the cap is refused, naming the limit and how to raise it', () => {
  const module = growModule(memories([0x00, ...leb(225)]));
  assert.throws(
    () => capMemory(module, 64, { label: 'core module x.wasm', howToRaise: 'ask for more with "memoryMb"' }),
    (error: unknown) =>
      error instanceof HostError &&
      error.code === 'limit-exceeded' &&
      error.message === 'core module x.wasm needs 14.06 MiB of memory at start (memory 0), more than its memory limit of 4 MiB: ask for more with "memoryMb"',
  );
});

test('custom page sizes and unknown limits flags are refused: a cap in 64 KiB pages would not bound them', () => {
  assert.throws(() => capMemory(Uint8Array.from([...PREAMBLE, ...memories([0x08, 1, 16])]), 4), /custom page sizes/);
  assert.throws(() => capMemory(Uint8Array.from([...PREAMBLE, ...memories([0x40, 1])]), 4), isMalformed);
});

test('hostile and broken bytes end in a clear error', () => {
  const cases: [string, number[]][] = [
    ['empty', []],
    ['bad magic', [0x00, 0x61, 0x73, 0x00, 1, 0, 0, 0]],
    ['a component, not a core module', [0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]],
    ['a section longer than the file', [...PREAMBLE, 0x01, ...leb(1000), 0]],
    ['a section size of 4 GiB', [...PREAMBLE, 0x00, 0xff, 0xff, 0xff, 0xff, 0x0f]],
    ['an endless LEB128', [...PREAMBLE, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]],
    ['a LEB128 over 32 bits', [...PREAMBLE, 0x00, 0x80, 0x80, 0x80, 0x80, 0x10]],
    ['a truncated section header', [...PREAMBLE, 0x05]],
    ['a count of 4 billion memories in 6 bytes', [...PREAMBLE, ...section(5, [0xff, 0xff, 0xff, 0xff, 0x0f, 0x00])]],
    ['a truncated memory', [...PREAMBLE, ...section(5, [1, 0x01, 1])]],
    ['bytes left after the memories', [...PREAMBLE, ...section(5, [1, 0x00, 1, 0x00])]],
    ['a maximum below the minimum', [...PREAMBLE, ...memories([0x01, 5, 2])]],
    ['two memory sections', [...PREAMBLE, ...memories([0x00, 1]), ...memories([0x00, 1])]],
  ];
  for (const [what, bytes] of cases) {
    assert.throws(() => capMemory(Uint8Array.from(bytes), 16), (error: unknown) => isMalformed(error) && /rebuild/.test((error as Error).message), what);
  }
});

test('random corruption of a valid module never hangs and never fails in any other way', () => {
  const valid = growModule(memories([0x00, 1]));
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  for (let round = 0; round < 5000; round++) {
    const bytes = Uint8Array.from(valid);
    for (let flips = 1 + Math.floor(random() * 4); flips > 0; flips--) bytes[8 + Math.floor(random() * (bytes.length - 8))] = Math.floor(random() * 256);
    const cut = random() < 0.2 ? bytes.subarray(0, 8 + Math.floor(random() * (bytes.length - 8))) : bytes;
    try {
      const capped = capMemory(cut, 16);
      assert.ok(capped.length <= cut.length + 16, 'the output grows by a few bytes at most');
    } catch (error) {
      assert.ok(error instanceof HostError, `only HostError, got ${String(error)}`);
    }
  }
});

test('the cap must be a whole number of pages a 32-bit memory can have', () => {
  for (const pages of [0, -1, 1.5, 65537, Number.NaN]) assert.throws(() => capMemory(growModule(memories([0x00, 1])), pages), RangeError);
});
