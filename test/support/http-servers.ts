/**
 * Real HTTP servers on loopback for network tests, run in a worker thread. They cannot run on the
 * test's own thread: a servlet's HTTP request blocks that thread until the response arrives.
 *
 * Every server answers the same paths: `/hello`, `/echo` (the request as JSON), `/redirect?to=URL`
 * (302), `/big?bytes=N` (streamed, no length), `/big-declared?bytes=N`, `/slow?ms=N`. Each server
 * records the requests it received, so a test can show that a refused request never arrived.
 */
import { Worker } from 'node:worker_threads';

/** A request one of the servers received. */
export interface ReceivedRequest {
  server: string;
  method: string;
  path: string;
}

/** Running test servers. */
export interface TestServers {
  /** Each server's port, by name. */
  port(name: string): number;
  /** Every request received so far, in order. */
  received(): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const received = [];
const servers = [];
function handler(name) {
  return (req, res) => {
    const url = new URL(req.url, 'http://x');
    received.push({ server: name, method: req.method, path: url.pathname + url.search });
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString();
      const n = Number(url.searchParams.get('bytes') || 0);
      switch (url.pathname) {
        case '/hello': return res.end('hello from ' + name);
        case '/echo': res.setHeader('content-type', 'application/json'); return res.end(JSON.stringify({ server: name, method: req.method, path: url.pathname + url.search, headers: req.headers, body }));
        case '/redirect': res.statusCode = 302; res.setHeader('location', url.searchParams.get('to')); return res.end();
        case '/big': { res.setHeader('content-type', 'application/octet-stream'); const chunk = Buffer.alloc(16384, 120); let left = n; while (left > 0) { res.write(chunk.subarray(0, Math.min(left, chunk.length))); left -= chunk.length; } return res.end(); }
        case '/big-declared': res.setHeader('content-length', String(n)); return res.end(Buffer.alloc(n, 120));
        case '/slow': return setTimeout(() => res.end('slow'), Number(url.searchParams.get('ms') || 0)).unref();
        default: res.statusCode = 404; return res.end('no such path');
      }
    });
  };
}
(async () => {
  const ports = {};
  for (const [name, port] of Object.entries(workerData.servers)) {
    const server = http.createServer(handler(name));
    server.keepAliveTimeout = 100;
    await new Promise((resolve, reject) => { server.once('error', reject); server.listen(port, '127.0.0.1', resolve); });
    servers.push(server);
    ports[name] = server.address().port;
  }
  parentPort.postMessage({ type: 'ready', ports });
})().catch((error) => parentPort.postMessage({ type: 'failed', message: error.message }));
parentPort.on('message', (message) => {
  if (message === 'received') parentPort.postMessage({ type: 'received', received: received.slice() });
  if (message === 'close') { for (const s of servers) { s.closeAllConnections(); s.close(); } parentPort.close(); }
});
`;

/** Starts one server per entry of `servers` (name → port, 0 for any free port), on 127.0.0.1. */
export async function startTestServers(servers: Record<string, number>): Promise<TestServers> {
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { servers } });
  const next = (type: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const listener = (message: Record<string, unknown>) => {
        if (message.type === 'failed') reject(new Error(`test servers failed to start: ${String(message.message)}`));
        if (message.type === type || message.type === 'failed') {
          worker.off('message', listener);
          worker.off('error', reject); // one listener per request, or they pile up over many calls
          resolve(message);
        }
      };
      worker.on('message', listener);
      worker.once('error', reject);
    });
  const { ports } = (await next('ready')) as { ports: Record<string, number> };
  return {
    port: (name) => ports[name] ?? Number.NaN,
    received: async () => {
      const reply = next('received');
      worker.postMessage('received');
      return ((await reply) as { received: ReceivedRequest[] }).received;
    },
    close: async () => {
      worker.postMessage('close');
      await new Promise((resolve) => worker.once('exit', resolve));
    },
  };
}
