import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeFailure } from '../servlet/errors.js';
import { DEFAULT_LIMITS, servletLimits } from '../servlet/limits.js';
import { capMemory } from './memory-cap.js';
import { memoryLimitReason, watchMemories } from './memory-watch.js';

/** `(memory (export "memory") 1)` and `(func (export "grow") (param i32) (result i32) local.get 0 memory.grow)`, by hand. */
const GROW_MODULE = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  0x01, 0x06, 0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f, // type: (i32) -> i32
  0x03, 0x02, 0x01, 0x00, // function 0 of type 0
  0x05, 0x03, 0x01, 0x00, 0x01, // memory: min 1, no max
  0x07, 0x11, 0x02, 0x04, 0x67, 0x72, 0x6f, 0x77, 0x00, 0x00, 0x06, 0x6d, 0x65, 0x6d, 0x6f, 0x72, 0x79, 0x02, 0x00,
  0x0a, 0x08, 0x01, 0x06, 0x00, 0x20, 0x00, 0x40, 0x00, 0x0b, // code: local.get 0, memory.grow 0
]);

const MIB = 1024 * 1024;

test('an instance is at its limit once its memory reached the cap, not before', async () => {
  const limit = 32 * MIB;
  const watch = watchMemories(limit);
  const module = new WebAssembly.Module(capMemory(GROW_MODULE, limit / 65536) as Uint8Array<ArrayBuffer>);
  const { grow } = (await watch.instantiateCore(module)).exports as { grow(pages: number): number };
  assert.equal(watch.atLimit(), false);
  assert.notEqual(grow(16 * 16 - 1), -1); // 16 MiB
  assert.equal(watch.atLimit(), false, 'half the cap is not the limit');
  while (grow(16) !== -1); // the way a guest allocator grows, a MiB at a time, until refused
  assert.equal(watch.atLimit(), true);
  assert.equal(watch.reason, 'ran out of memory: it reached its memory limit of 32 MiB (the servlet may ask for up to 4096 MiB with "limits": { "memoryMb": … } in its manifest)');
});

test('the engine refusing memory, seen as an error, is described as the memory limit', () => {
  assert.equal(describeFailure(new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded')), memoryLimitReason());
  assert.equal(describeFailure(new Error('out of memory')), memoryLimitReason());
  assert.match(memoryLimitReason(), /^ran out of memory: it reached its memory limit \(the servlet may ask for up to 4096 MiB with "limits": \{ "memoryMb": … \} in its manifest\)$/);
  assert.equal(describeFailure(new RangeError('Maximum call stack size exceeded')), 'stack overflow (too deep recursion)');
});

test('the memory limit: 256 MiB by default; a manifest asks for another, up to 4096 MiB', () => {
  assert.equal(DEFAULT_LIMITS.memoryMb, 256);
  assert.equal(servletLimits({ capabilities: {} }).memoryMb, 256);
  assert.equal(servletLimits({ capabilities: {}, limits: { memoryMb: 64 } }).memoryMb, 64);
  assert.equal(servletLimits({ capabilities: {}, limits: { memoryMb: 100_000 } }).memoryMb, 4096);
  assert.equal(servletLimits({ capabilities: {} }, { memoryMb: 512 }).memoryMb, 512, 'a host setting replaces the default');
});
