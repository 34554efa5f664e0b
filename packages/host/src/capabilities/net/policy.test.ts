import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeRequest, originOf, parseRequestUrl, permitRequest } from './policy.js';

const url = (text: string) => parseRequestUrl(text)!;

test('nothing granted: every URL is refused', () => {
  assert.equal(permitRequest(url('https://example.com/'), []), undefined);
});

test('a request is allowed by the pattern that covers its origin, with the address policy of that pattern', () => {
  const allow = ['https://*.example.com', 'http://127.0.0.1:8080', 'http://[::1]:9000', 'http://localhost:3000'];
  assert.deepEqual(permitRequest(url('https://api.example.com/x'), allow)?.policy, { literal: [], loopback: false });
  assert.deepEqual(permitRequest(url('http://127.0.0.1:8080/x'), allow)?.policy, { literal: ['127.0.0.1'], loopback: false });
  assert.deepEqual(permitRequest(url('http://[::1]:9000/'), allow)?.policy, { literal: ['::1'], loopback: false });
  assert.deepEqual(permitRequest(url('http://localhost:3000/'), allow)?.policy, { literal: [], loopback: true });
});

test('any host (https://*) never reaches loopback, private or metadata addresses, but an exact grant beside it does', () => {
  const allow = ['https://*', 'https://10.0.0.5'];
  assert.deepEqual(permitRequest(url('https://en.wikipedia.org/'), allow)?.policy, { literal: [], loopback: false });
  for (const text of ['https://127.0.0.1/', 'https://localhost/', 'https://169.254.169.254/', 'https://192.168.1.1/']) {
    assert.deepEqual(permitRequest(url(text), allow)?.policy, { literal: [], loopback: false }, text);
  }
  assert.deepEqual(permitRequest(url('https://10.0.0.5/'), allow)?.policy, { literal: ['10.0.0.5'], loopback: false });
});

test('other spellings of loopback are refused when only a name is granted', () => {
  const allow = ['http://public.example.com:8080'];
  for (const text of ['http://2130706433:8080/', 'http://0177.0.0.1:8080/', 'http://[::1]:8080/', 'http://[::ffff:127.0.0.1]:8080/', 'http://localhost:8080/']) {
    assert.equal(permitRequest(url(text), allow), undefined, text);
  }
});

test('but every spelling of a granted address is that address', () => {
  assert.ok(permitRequest(url('http://2130706433:8080/'), ['http://127.0.0.1:8080']));
  assert.ok(permitRequest(url('http://0x7f.0.0.1:8080/'), ['http://127.0.0.1:8080']));
});

test('invalid grant entries grant nothing', () => {
  assert.equal(permitRequest(url('https://example.com/'), ['example.com', 'https://example.com/path']), undefined);
});

test('only absolute http(s) URLs are request targets', () => {
  for (const text of ['ftp://example.com/', 'file:///etc/passwd', '/relative', 'http://', 'javascript:alert(1)']) {
    assert.equal(parseRequestUrl(text), undefined, text);
  }
});

test('requests are described without their query (it may hold a key)', () => {
  assert.equal(describeRequest('GET', url('https://api.example.com/v1/items?key=s3cret')), 'GET https://api.example.com/v1/items?…');
  assert.equal(originOf(url('http://2130706433:8080/x')), 'http://127.0.0.1:8080');
  assert.equal(originOf(url('https://example.com/')), 'https://example.com');
});
