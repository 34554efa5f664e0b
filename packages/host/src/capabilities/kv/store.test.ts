import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCapabilities, liveSlice, type CapabilityContext, type Denial } from '../context.js';
import { createMemoryKvBackend } from './memory-backend.js';
import { createKeyValueStore, type KvError } from './store.js';
import type { KvContext } from './types.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined) => value && new TextDecoder().decode(value);

function setup(kv: KvContext, pageSize?: number) {
  const denials: Denial[] = [];
  let context: CapabilityContext = { ...emptyCapabilities('probe', (denial) => denials.push(denial)), kv };
  const store = createKeyValueStore(liveSlice(() => context, 'kv', 'storage'), { pageSize });
  return { store, denials, change: (next: KvContext) => (context = { ...context, kv: next }) };
}

function refusal(fn: () => unknown): KvError {
  try {
    fn();
  } catch (error) {
    if (error instanceof Error) throw error;
    return error as KvError;
  }
  assert.fail('expected a refusal');
}

test('get, set, exists, delete in a bucket', () => {
  const { store } = setup({ quotaBytes: 1000, backend: createMemoryKvBackend() });
  const bucket = store.open('default');
  assert.ok(bucket instanceof store.Bucket, 'a Bucket of the class the linker hands to jco');
  assert.equal(bucket.get('a'), undefined);
  assert.equal(bucket.exists('a'), false);
  bucket.set('a', bytes('one'));
  assert.equal(text(bucket.get('a')), 'one');
  assert.equal(bucket.exists('a'), true);
  bucket.delete('a');
  bucket.delete('a');
  assert.equal(bucket.exists('a'), false);
});

test('buckets are separate', () => {
  const { store } = setup({ quotaBytes: 1000, backend: createMemoryKvBackend() });
  store.open('one').set('k', bytes('1'));
  assert.equal(store.open('two').get('k'), undefined);
  assert.equal(text(store.open('one').get('k')), '1');
});

test('the quota counts keys and values over all buckets, checked before writing', () => {
  const backend = createMemoryKvBackend();
  const { store, denials } = setup({ quotaBytes: 20, backend });
  store.open('a').set('k1', bytes('12345678')); // 10 bytes
  store.open('b').set('k2', bytes('12345678')); // 20 bytes: exactly the quota
  const error = refusal(() => store.open('b').set('k3', bytes('x')));
  assert.equal(error.tag, 'other');
  assert.match((error as { val: string }).val, /quota of 20 bytes/);
  assert.match((error as { val: string }).val, /storage\.quotaBytes/);
  assert.equal(store.open('b').exists('k3'), false, 'nothing was written');
  assert.equal(backend.usedBytes(), 20);
  assert.equal(denials.length, 1);
  assert.equal(denials[0]!.capability, 'storage');
  // Replacing a value counts the old one as freed; deleting frees space.
  store.open('a').set('k1', bytes('abcdefgh'));
  store.open('a').delete('k1');
  store.open('b').set('k3', bytes('x'));
});

test('key sizes are counted in UTF-8 bytes', () => {
  const { store } = setup({ quotaBytes: 6, backend: createMemoryKvBackend() });
  const error = refusal(() => store.open('b').set('ééé', bytes('x'))); // 6 + 1 bytes
  assert.equal(error.tag, 'other');
});

test('list-keys pages through sorted keys with a cursor', () => {
  const { store } = setup({ quotaBytes: 10_000, backend: createMemoryKvBackend() }, 3);
  const bucket = store.open('b');
  const names = ['k5', 'k1', 'k7', 'k3', 'k2', 'k4', 'k6'];
  for (const name of names) bucket.set(name, bytes('v'));
  const seen: string[] = [];
  let cursor: bigint | undefined;
  let pages = 0;
  do {
    const page = bucket.listKeys(cursor);
    assert.ok(page.keys.length <= 3);
    seen.push(...page.keys);
    cursor = page.cursor;
    pages++;
  } while (cursor !== undefined);
  assert.deepEqual(seen, [...names].sort());
  assert.equal(pages, 3);
  assert.deepEqual(bucket.listKeys(1000n), { keys: [], cursor: undefined }, 'a cursor past the end is an empty last page');
  assert.deepEqual(store.open('empty').listKeys(undefined), { keys: [], cursor: undefined });
});

test('storage not granted: open is refused with access-denied and audited', () => {
  const { store, denials } = setup({ quotaBytes: 0, backend: createMemoryKvBackend() });
  assert.deepEqual(refusal(() => store.open('default')), { tag: 'access-denied' });
  assert.deepEqual(denials, [{ capability: 'storage', detail: 'open bucket "default": storage is not granted' }]);
});

test('a revoke applies to a bucket opened earlier', () => {
  const backend = createMemoryKvBackend();
  const { store, change, denials } = setup({ quotaBytes: 100, backend });
  const bucket = store.open('default');
  bucket.set('k', bytes('v'));
  change({ quotaBytes: 0, backend });
  for (const operation of [() => bucket.get('k'), () => bucket.set('k', bytes('w')), () => bucket.delete('k'), () => bucket.exists('k'), () => bucket.listKeys(undefined)]) {
    assert.deepEqual(refusal(operation), { tag: 'access-denied' });
  }
  assert.equal(denials.length, 5);
  assert.equal(text(backend.load('default').get('k')), 'v', 'nothing changed');
});

test('granted storage without a backend is refused with a message', () => {
  const { store } = setup({ quotaBytes: 100 });
  const error = refusal(() => store.open('default'));
  assert.equal(error.tag, 'other');
});
