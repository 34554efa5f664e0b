/**
 * The host side of wasi:http, driven the way a transpiled guest drives it, with a backend that
 * records what reaches it (the Node backend has its own tests against real servers).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCapabilities, liveSlice, type CapabilityContext, type Denial } from '../context.js';
import type { HttpBackend, HttpBackendRequest, HttpBackendResponse, NetContext } from './types.js';
import { createWasiHttp } from './outgoing.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- the guest-facing classes are looked up by name, as jco does */

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array) => new TextDecoder().decode(data);

function setup(net: Partial<NetContext>, answer: HttpBackendResponse = { ok: true, status: 200, headers: [['content-type', 'text/plain']], body: bytes('hello') }) {
  const sent: HttpBackendRequest[] = [];
  const denials: Denial[] = [];
  const backend: HttpBackend = { send: (request) => (sent.push(request), answer) };
  let context: CapabilityContext = { ...emptyCapabilities('t', (d) => denials.push(d)), net: { allow: [], backend, ...net } };
  const wasi = createWasiHttp(liveSlice(() => context, 'net', 'network'));
  const types = wasi['wasi:http/types'] as any;
  const handle = (wasi['wasi:http/outgoing-handler'] as any).handle as (request: unknown, options?: unknown) => any;
  const regrant = (allow: string[]) => (context = { ...context, net: { ...context.net, allow } });
  return { types, handle, sent, denials, regrant };
}

function request(types: any, scheme: 'HTTP' | 'HTTPS', authority: string, path = '/', method = 'get') {
  const r = new types.OutgoingRequest(new types.Fields());
  r.setScheme({ tag: scheme });
  r.setAuthority(authority);
  r.setPathWithQuery(path);
  r.setMethod({ tag: method });
  return r;
}

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (value) {
    return value;
  }
  assert.fail('expected a throw');
}

test('nothing granted: the request is refused before the backend sees it, and the refusal is reported', () => {
  const { types, handle, sent, denials } = setup({});
  assert.deepEqual(thrown(() => handle(request(types, 'HTTPS', 'api.example.com', '/v1?key=secret'))), { tag: 'HTTP-request-denied' });
  assert.equal(sent.length, 0);
  assert.deepEqual(denials, [{ capability: 'network', detail: 'GET https://api.example.com/v1?…' }]);
});

test('a granted request reaches the backend with its body, headers and address policy; the response is readable', () => {
  const { types, handle, sent } = setup({ allow: ['http://127.0.0.1:8080'] });
  const headers = types.Fields.fromList([['Content-Type', bytes('application/json')], ['Content-Length', bytes('999')]]);
  const r = new types.OutgoingRequest(headers);
  r.setScheme({ tag: 'HTTP' });
  r.setAuthority('127.0.0.1:8080');
  r.setPathWithQuery('/items?x=1');
  r.setMethod({ tag: 'post' });
  const body = r.body();
  body.write().blockingWriteAndFlush(bytes('{"a":1}'));
  types.OutgoingBody.finish(body, undefined);
  const future = handle(r);
  future.subscribe().block();
  const value = future.get();
  assert.equal(value.tag, 'ok');
  assert.equal(value.val.tag, 'ok');
  const response = value.val.val;
  assert.equal(response.status(), 200);
  assert.deepEqual(response.headers().get('content-type').map(text), ['text/plain']);
  const stream = response.consume().stream();
  assert.equal(text(stream.blockingRead(3n)) + text(stream.blockingRead(100n)), 'hello');
  assert.deepEqual(thrown(() => stream.blockingRead(1n)), { tag: 'closed' });
  assert.deepEqual(future.get(), { tag: 'err', val: undefined }, 'a future gives its value once');
  assert.equal(sent.length, 1);
  const [sentRequest] = sent;
  assert.equal(sentRequest!.method, 'POST');
  assert.equal(sentRequest!.url, 'http://127.0.0.1:8080/items?x=1');
  assert.deepEqual(sentRequest!.headers, [['content-type', 'application/json']], 'content-length is the host’s to set');
  assert.equal(text(sentRequest!.body!), '{"a":1}');
  assert.deepEqual(sentRequest!.policy, { literal: ['127.0.0.1'], loopback: false });
});

test('other spellings of a granted name’s address are not that name', () => {
  const { types, handle, sent } = setup({ allow: ['http://public.example.com:8080'] });
  for (const authority of ['2130706433:8080', '0177.0.0.1:8080', '[::1]:8080', '[::ffff:127.0.0.1]:8080']) {
    assert.deepEqual(thrown(() => handle(request(types, 'HTTP', authority))), { tag: 'HTTP-request-denied' }, authority);
  }
  assert.equal(sent.length, 0);
});

test('a revoke applies to the next request', () => {
  const { types, handle, regrant } = setup({ allow: ['https://api.example.com'] });
  handle(request(types, 'HTTPS', 'api.example.com')).get();
  regrant([]);
  assert.deepEqual(thrown(() => handle(request(types, 'HTTPS', 'api.example.com'))), { tag: 'HTTP-request-denied' });
});

test('headers that steer or frame a request are forbidden; bad syntax is refused', () => {
  const { types } = setup({});
  const fields = new types.Fields();
  for (const name of ['Host', 'transfer-encoding', 'Connection', 'upgrade']) {
    assert.deepEqual(thrown(() => fields.append(name, bytes('x'))), { tag: 'forbidden' }, name);
  }
  assert.deepEqual(thrown(() => fields.append('x-a', bytes('a\r\nHost: evil'))), { tag: 'invalid-syntax' });
  assert.deepEqual(thrown(() => fields.append('bad name', bytes('a'))), { tag: 'invalid-syntax' });
  assert.deepEqual(thrown(() => new types.OutgoingRequest(fields).headers().append('x-a', bytes('1'))), { tag: 'immutable' });
});

test('an authority or path that would change the origin is refused when set', () => {
  const { types } = setup({});
  const r = new types.OutgoingRequest(new types.Fields());
  for (const authority of ['granted.com@evil.com', 'evil.com/x', 'evil.com?x', 'a b']) {
    assert.equal(thrown(() => r.setAuthority(authority)), undefined, authority);
  }
  for (const path of ['x', '@evil.com', 'evil.com/', '/a#b']) {
    assert.equal(thrown(() => r.setPathWithQuery(path)), undefined, path);
  }
});

test('a request body over the limit fails as the guest writes it, with HTTP-request-body-size', () => {
  const { types } = setup({ allow: ['https://api.example.com'], limits: { requestBytes: 4 } });
  const r = request(types, 'HTTPS', 'api.example.com', '/', 'post');
  const stream = r.body().write();
  stream.write(bytes('abcd'));
  const failure = thrown(() => stream.write(bytes('e'))) as { tag: string; val: unknown };
  assert.equal(failure.tag, 'last-operation-failed');
  assert.deepEqual(types.httpErrorCode(failure.val), { tag: 'HTTP-request-body-size', val: 5n });
});

test('a backend refusal of the connected address is reported to the audit log', () => {
  const { types, handle, denials } = setup(
    { allow: ['http://meta.example.com'] },
    { ok: false, error: { tag: 'destination-IP-prohibited' }, detail: '169.254.169.254 is the cloud metadata endpoint' },
  );
  const value = handle(request(types, 'HTTP', 'meta.example.com', '/latest')).get();
  assert.deepEqual(value, { tag: 'ok', val: { tag: 'err', val: { tag: 'destination-IP-prohibited' } } });
  assert.deepEqual(denials, [{ capability: 'network', detail: 'GET http://meta.example.com/latest: 169.254.169.254 is the cloud metadata endpoint' }]);
});

test('guest timeouts can only shorten the host limit', () => {
  const { types, handle, sent } = setup({ allow: ['https://api.example.com'], limits: { timeoutMs: 5000 } });
  const options = new types.RequestOptions();
  options.setConnectTimeout(1_000_000_000n);
  handle(request(types, 'HTTPS', 'api.example.com'), options).get();
  options.setConnectTimeout(60_000_000_000n);
  handle(request(types, 'HTTPS', 'api.example.com'), options).get();
  assert.deepEqual(sent.map((r) => r.timeoutMs), [1000, 5000]);
});

test('without a backend an allowed request fails as unsupported, naming what to do', () => {
  const { types, handle } = setup({ allow: ['https://api.example.com'], backend: undefined });
  const value = handle(request(types, 'HTTPS', 'api.example.com')).get();
  assert.equal(value.val.val.tag, 'internal-error');
  assert.match(value.val.val.val, /not supported in this environment/);
});
