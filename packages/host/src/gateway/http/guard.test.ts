import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { MemoryEventStore } from './event-store.js';
import { normalizeHost, normalizeOrigin, requestGuard } from './guard.js';

const guard = requestGuard({ allowedHosts: ['127.0.0.1:8931', 'localhost:8931', '[::1]:8931'], allowedOrigins: ['http://localhost:6274'] });
const status = (headers: Record<string, string>) => guard(new Request('http://127.0.0.1:8931/mcp', { headers }))?.status ?? 200;

test('Host must name this server, port included', () => {
  assert.equal(status({ host: '127.0.0.1:8931' }), 200);
  assert.equal(status({ host: 'LOCALHOST:8931' }), 200);
  assert.equal(status({ host: '[::1]:8931' }), 200);
  for (const host of ['evil.example:8931', '127.0.0.1:8932', '127.0.0.1', 'localhost:8931/x', 'user@localhost:8931', '']) {
    assert.equal(status({ host }), 403, host);
  }
});

test('Origin, when present, must be an allowed origin exactly', () => {
  assert.equal(status({ host: '127.0.0.1:8931', origin: 'http://localhost:6274' }), 200);
  // The server's own origins are same-origin, whatever --allow-origin says.
  assert.equal(status({ host: '127.0.0.1:8931', origin: 'http://127.0.0.1:8931' }), 200);
  assert.equal(status({ host: '127.0.0.1:8931', origin: 'http://localhost:8931' }), 200);
  for (const origin of ['http://localhost:6275', 'http://127.0.0.1:8932', 'https://127.0.0.1:8931', 'https://localhost:6274', 'http://evil.example', 'null', 'file://', 'not a url']) {
    assert.equal(status({ host: '127.0.0.1:8931', origin }), 403, origin);
  }
});

test('normalization', () => {
  assert.equal(normalizeHost('Example.COM'), 'example.com:80');
  assert.equal(normalizeOrigin('http://LOCALHOST:80/path'), 'http://localhost');
  assert.equal(normalizeOrigin('null'), undefined);
});

test('the event store replays a stream after an event, and forgets the oldest past its capacity', async () => {
  const store = new MemoryEventStore(3);
  const message = (id: number): JSONRPCMessage => ({ jsonrpc: '2.0', id, result: {} });
  const first = await store.storeEvent('_GET_stream', message(1));
  await store.storeEvent('other', message(2));
  await store.storeEvent('_GET_stream', message(3));
  const replayed: unknown[] = [];
  assert.equal(await store.replayEventsAfter(first, { send: async (_id, m) => void replayed.push(m) }), '_GET_stream');
  assert.deepEqual(replayed, [message(3)]);
  await store.storeEvent('_GET_stream', message(4));
  await store.storeEvent('_GET_stream', message(5));
  replayed.length = 0;
  await store.replayEventsAfter(first, { send: async (_id, m) => void replayed.push(m) });
  assert.deepEqual(replayed, [message(3), message(4), message(5)]);
});
