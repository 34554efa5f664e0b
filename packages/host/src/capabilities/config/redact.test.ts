import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from './redact.js';

const secrets = new Map([['api_token', 'tok-3f9a/b+c d&e']]);
const b64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

test('replaces the exact value everywhere in a JSON-like value, keys included, without changing the input', () => {
  const input = { text: 'token is tok-3f9a/b+c d&e, again tok-3f9a/b+c d&e', list: ['tok-3f9a/b+c d&e', 1, true, null], nested: { 'tok-3f9a/b+c d&e': 'k' } };
  const copy = structuredClone(input);
  const output = redactSecrets(input, secrets);
  assert.deepEqual(output, {
    text: 'token is [redacted secret api_token], again [redacted secret api_token]',
    list: ['[redacted secret api_token]', 1, true, null],
    nested: { '[redacted secret api_token]': 'k' },
  });
  assert.deepEqual(input, copy, 'the input is not modified');
});

test('catches URL-encoded, form-encoded and JSON-escaped forms', () => {
  const value = 'tok-3f9a/b+c d&e';
  for (const form of [encodeURIComponent(value), encodeURIComponent(value).replace(/%20/g, '+')]) {
    assert.equal(redactSecrets(`https://x.test/?t=${form}&n=1`, secrets), 'https://x.test/?t=[redacted secret api_token]&n=1');
  }
  const quoted = new Map([['q', 'say "hi"\\now']]);
  assert.equal(redactSecrets(JSON.stringify({ v: 'say "hi"\\now' }), quoted), '{"v":"[redacted secret q]"}');
});

test('catches base64 and base64url at every alignment inside a longer text', () => {
  const token = 'ghp_0123456789abcdefXYZ';
  const map = new Map([['gh', token]]);
  for (const prefix of ['', 'u', 'us', 'user:']) {
    const encoded = b64(`${prefix}${token}`);
    for (const form of [encoded, encoded.replace(/\+/g, '-').replace(/\//g, '_')]) {
      const redacted = redactSecrets(`Authorization: Basic ${form}`, map);
      assert.match(redacted, /\[redacted secret gh\]/, `prefix ${JSON.stringify(prefix)}`);
      // What is left is the prefix's encoding and at most a few characters mixing it with the token's edges.
      const leftover = redacted.replace('Authorization: Basic ', '').replace('[redacted secret gh]', '');
      assert.ok(leftover.length <= Math.ceil((prefix.length * 4) / 3) + 4, leftover);
    }
  }
});

test('overlapping secrets are redacted as one span, leaving no part of either', () => {
  const map = new Map([
    ['a', 'abcdef12'],
    ['b', 'ef12ghij'],
  ]);
  assert.equal(redactSecrets('xxabcdef12ghijyy', map), 'xx[redacted secret a, b]yy');
  assert.equal(redactSecrets('abcdef12 ef12ghij', map), '[redacted secret a] [redacted secret b]');
  const nested = new Map([
    ['long', 'password123'],
    ['short', 'word'],
  ]);
  assert.equal(redactSecrets('password123 and word', nested), '[redacted secret long, short] and [redacted secret short]');
});

test('a secret value that appears in a placeholder does not redact the placeholder', () => {
  const map = new Map([
    ['a', 'hunter22'],
    ['b', 'redacted secret'],
  ]);
  assert.equal(redactSecrets('hunter22', map), '[redacted secret a]');
});

test('values shorter than four characters are not redacted; longer ones are', () => {
  const map = new Map([
    ['pin', '123'],
    ['code', '9876'],
  ]);
  assert.equal(redactSecrets('123 9876', map), '123 [redacted secret code]');
});

test('leaves numbers, booleans and binary data as they are', () => {
  const bytes = new Uint8Array([1, 2, 3]);
  const output = redactSecrets({ n: 12345678, b: false, bytes }, new Map([['n', '12345678']]));
  assert.deepEqual(output, { n: 12345678, b: false, bytes });
});
