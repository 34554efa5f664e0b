import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resultSize } from './result-size.js';

test('plain JSON values measure as their JSON text', () => {
  for (const value of [{ content: [{ tag: 'text', val: { text: 'héllo' } }], isError: false }, [1, 'two', null, true], 'x'.repeat(1000)]) {
    assert.equal(resultSize(value), new TextEncoder().encode(JSON.stringify(value)).length);
  }
});

test('byte arrays measure as base64, not as JSON objects of numbers', () => {
  const image = new Uint8Array(3 * 1024 * 1024);
  assert.equal(resultSize({ data: image }), JSON.stringify({ data: Buffer.from(image).toString('base64') }).length);
});
