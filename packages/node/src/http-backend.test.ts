/**
 * The Node HTTP backend against real HTTP servers on loopback (in a worker thread, since each
 * request blocks this thread). Names resolve through the backend's host table, not DNS.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PUBLIC_ONLY, type AddressPolicy, type HttpBackendRequest } from '@mcp-wasm/host';
import { startTestServers, type TestServers } from '../../../test/support/http-servers.js';
import { createNodeHttpBackend, type NodeHttpBackend } from './http-backend.js';

const LOOPBACK: AddressPolicy = { literal: ['127.0.0.1'], loopback: false };

describe('the Node HTTP backend', () => {
  let servers: TestServers;
  let backend: NodeHttpBackend;
  let port: number;

  const send = (url: string, policy: AddressPolicy, extra: Partial<HttpBackendRequest> = {}) =>
    backend.send({ method: 'GET', url, headers: [], policy, responseBytes: 1 << 20, timeoutMs: 5000, ...extra });
  const paths = async () => (await servers.received()).map((r) => r.path);

  before(async () => {
    servers = await startTestServers({ main: 0 });
    port = servers.port('main');
    backend = createNodeHttpBackend({
      hosts: {
        'loopback.test': ['127.0.0.1'],
        'metadata.test': ['169.254.169.254'],
        'mixed.test': ['169.254.169.254', '127.0.0.1'],
        'localhost': ['127.0.0.1'],
      },
    });
  });

  after(async () => {
    await backend.close();
    await servers.close();
  });

  test('a GET to a granted address returns the whole response', () => {
    const response = send(`http://127.0.0.1:${port}/hello`, LOOPBACK);
    assert.ok(response.ok);
    assert.equal(response.status, 200);
    assert.equal(new TextDecoder().decode(response.body), 'hello from main');
  });

  test('a POST sends its headers and body', () => {
    const response = send(`http://127.0.0.1:${port}/echo`, LOOPBACK, {
      method: 'POST',
      headers: [['content-type', 'text/plain'], ['x-probe', 'one'], ['x-probe', 'two']],
      body: new TextEncoder().encode('payload'),
    });
    assert.ok(response.ok);
    const echoed = JSON.parse(new TextDecoder().decode(response.body));
    assert.equal(echoed.method, 'POST');
    assert.equal(echoed.body, 'payload');
    assert.equal(echoed.headers['x-probe'], 'one, two');
    assert.equal(echoed.headers['content-length'], '7');
    assert.equal(echoed.headers.host, `127.0.0.1:${port}`);
  });

  test('a name that resolves to loopback is refused under a public-only policy, before connecting', async () => {
    const before = (await paths()).length;
    const response = send(`http://loopback.test:${port}/hello?dns-rebinding`, PUBLIC_ONLY);
    assert.deepEqual(response.ok ? response : response.error, { tag: 'destination-IP-prohibited' });
    assert.ok(!response.ok && response.detail?.includes('127.0.0.1 is a loopback address'));
    assert.equal((await paths()).length, before, 'the server received nothing');
  });

  test('a name that resolves to the cloud metadata endpoint is refused', () => {
    const response = send('http://metadata.test/latest/meta-data/', PUBLIC_ONLY);
    assert.ok(!response.ok);
    assert.deepEqual(response.error, { tag: 'destination-IP-prohibited' });
    assert.match(response.detail ?? '', /cloud metadata/);
  });

  test('an address literal outside the policy is refused without resolving or connecting', () => {
    const response = send(`http://127.0.0.1:${port}/hello`, PUBLIC_ONLY);
    assert.ok(!response.ok);
    assert.deepEqual(response.error, { tag: 'destination-IP-prohibited' });
  });

  test('of several addresses, only the allowed ones are connected to', () => {
    const response = send(`http://mixed.test:${port}/hello`, LOOPBACK);
    assert.ok(response.ok, JSON.stringify(response));
  });

  test('localhost reaches loopback when the policy allows loopback', () => {
    assert.ok(send(`http://localhost:${port}/hello`, { literal: [], loopback: true }).ok);
    assert.ok(!send(`http://localhost:${port}/hello`, PUBLIC_ONLY).ok);
  });

  test('a name that does not resolve is a DNS error', () => {
    const response = send('http://nowhere.test/', PUBLIC_ONLY);
    assert.ok(!response.ok);
    assert.equal(response.error.tag, 'DNS-error');
  });

  test('redirects are returned, never followed', async () => {
    const response = send(`http://127.0.0.1:${port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/hello?followed`)}`, LOOPBACK);
    assert.ok(response.ok);
    assert.equal(response.status, 302);
    assert.ok(response.headers.some(([name, value]) => name === 'location' && value.endsWith('/hello?followed')));
    assert.ok(!(await paths()).includes('/hello?followed'));
  });

  test('a response over the limit fails with HTTP-response-body-size, streamed or declared', () => {
    for (const path of ['/big?bytes=100000', '/big-declared?bytes=100000']) {
      const response = send(`http://127.0.0.1:${port}${path}`, LOOPBACK, { responseBytes: 50_000 });
      assert.ok(!response.ok, path);
      assert.equal(response.error.tag, 'HTTP-response-body-size', path);
    }
    assert.ok(send(`http://127.0.0.1:${port}/big?bytes=50000`, LOOPBACK, { responseBytes: 50_000 }).ok);
  });

  test('a slow server hits the timeout', () => {
    // The server would answer after 3 s: a timeout error means the request ended at the 300 ms limit.
    const response = send(`http://127.0.0.1:${port}/slow?ms=3000`, LOOPBACK, { timeoutMs: 300 });
    assert.ok(!response.ok);
    assert.equal(response.error.tag, 'HTTP-response-timeout');
  });

  test('a closed port is connection-refused', async () => {
    const closed = await startTestServers({ gone: 0 });
    const gonePort = closed.port('gone');
    await closed.close();
    const response = send(`http://127.0.0.1:${gonePort}/`, LOOPBACK);
    assert.ok(!response.ok);
    assert.equal(response.error.tag, 'connection-refused');
  });

  test('a closed backend starts a new worker on the next request', async () => {
    await backend.close();
    assert.ok(send(`http://127.0.0.1:${port}/hello`, LOOPBACK).ok);
  });
});
