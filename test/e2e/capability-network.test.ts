/**
 * The network capability with a real component (test/fixtures/servlets/net-probe, which requests
 * through @mcp-wasm/sdk/http), the real compiler and the Node HTTP backend, against real HTTP
 * servers on loopback. The probe's manifest requests `http://127.0.0.1:47381` and
 * `http://*.net-probe.test:47381`; the granted server listens on that port, names under
 * net-probe.test resolve through the backend's host table (tests cannot use real DNS), and a second
 * server on a free port is never granted. Each refusal is shown guest-visible (the error code the
 * SDK reports), in the audit (`denied`), and absent from the servers' request logs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { emptyCapabilities, loadServlet, parseManifest, type CapabilityContext, type Denial, type NetLimits, type Servlet } from '@mcp-wasm/host';
import { createNodeHttpBackend, JcoCompiler, type NodeHttpBackend } from '@mcp-wasm/node';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import { builtServlet, SERVLET_DIRS } from '../support/servlets.js';

/** The port the probe's manifest names. */
const PORT = 47381;
const GRANTED = `http://127.0.0.1:${PORT}`;
const NAMES = `http://*.net-probe.test:${PORT}`;

interface ProbeAnswer {
  status?: number;
  url?: string;
  body?: string;
  length?: number;
  error?: { code: string; message: string; url: string };
}

describe('network capability, end to end', () => {
  let servers: TestServers;
  let backend: NodeHttpBackend;
  let servlet: Servlet;
  let other: string;
  let allow: string[] = [];
  let limits: Partial<NetLimits> = {};
  const denials: Denial[] = [];

  async function fetch(args: { url: string; method?: string; body?: string; headers?: Record<string, string>; maxRedirects?: number }): Promise<ProbeAnswer> {
    const result = await servlet.callTool('fetch', JSON.stringify(args));
    const first = result.content[0];
    assert.ok(!result.isError && first?.tag === 'text', JSON.stringify(result));
    return JSON.parse(first.val.text) as ProbeAnswer;
  }

  async function paths(server: string): Promise<string[]> {
    return (await servers.received()).filter((r) => r.server === server).map((r) => r.path);
  }

  before(async () => {
    const manifest = parseManifest(readFileSync(join(SERVLET_DIRS['net-probe']!, 'servlet.json'), 'utf8'), 'net-probe');
    assert.deepEqual(
      manifest.capabilities.network?.map((entry) => entry.origin),
      [GRANTED, NAMES],
      'the grants below stay within what the probe requests',
    );
    servers = await startTestServers({ granted: PORT, other: 0 });
    other = `http://127.0.0.1:${servers.port('other')}`;
    backend = createNodeHttpBackend({
      hosts: {
        'loop.net-probe.test': ['127.0.0.1'],
        'metadata.net-probe.test': ['169.254.169.254'],
        'private.net-probe.test': ['10.0.0.7', 'fd00::7'],
      },
    });
    const home = mkdtempSync(join(tmpdir(), 'mcp-wasm-network-'));
    const context = (): CapabilityContext => ({
      ...emptyCapabilities('net-probe', (denial) => denials.push(denial)),
      net: { allow, backend, limits },
    });
    servlet = await loadServlet({
      name: 'net-probe',
      bytes: await readFile(await builtServlet('net-probe')),
      compiler: new JcoCompiler(join(home, 'transpiled')),
      log: () => {},
      capabilities: context,
    });
  });

  after(async () => {
    await backend?.close();
    await servers?.close();
  });

  test('a granted GET returns the response', async () => {
    allow = [GRANTED];
    const answer = await fetch({ url: `${GRANTED}/hello` });
    assert.deepEqual([answer.status, answer.body], [200, 'hello from granted']);
  });

  test('a granted POST sends its body and headers', async () => {
    allow = [GRANTED];
    const answer = await fetch({ url: `${GRANTED}/echo`, method: 'POST', body: '{"n":42}', headers: { 'content-type': 'application/json' } });
    assert.equal(answer.status, 200);
    const echoed = JSON.parse(answer.body!) as { method: string; body: string; headers: Record<string, string> };
    assert.deepEqual([echoed.method, echoed.body, echoed.headers['content-type']], ['POST', '{"n":42}', 'application/json']);
  });

  test('nothing granted: refused with HTTP-request-denied, reported, and never sent', async () => {
    allow = [];
    denials.length = 0;
    const answer = await fetch({ url: `${GRANTED}/hello?nothing-granted` });
    assert.equal(answer.error?.code, 'HTTP-request-denied');
    assert.deepEqual(denials, [{ capability: 'network', detail: `GET ${GRANTED}/hello?…` }]);
    assert.ok(!(await paths('granted')).includes('/hello?nothing-granted'));
  });

  test('an ungranted origin is refused with a message that says how to grant it', async () => {
    allow = [GRANTED];
    denials.length = 0;
    const answer = await fetch({ url: `${other}/hello` });
    assert.equal(answer.error?.code, 'HTTP-request-denied');
    assert.equal(answer.error?.message, `${other} is not granted to this servlet: the person can grant it with \`mcp-wasm grant <servlet> --allow-host ${other}\``);
    assert.deepEqual(denials, [{ capability: 'network', detail: `GET ${other}/hello` }]);
    assert.deepEqual(await paths('other'), []);
  });

  test('a redirect within the grant is followed by the guest', async () => {
    allow = [GRANTED];
    const answer = await fetch({ url: `${GRANTED}/redirect?to=/hello` });
    assert.deepEqual([answer.status, answer.url, answer.body], [200, `${GRANTED}/hello`, 'hello from granted']);
  });

  test('a redirect to an ungranted origin is refused, and the host never follows it', async () => {
    allow = [GRANTED];
    denials.length = 0;
    const target = `${other}/hello?via-redirect`;
    const answer = await fetch({ url: `${GRANTED}/redirect?to=${encodeURIComponent(target)}` });
    assert.equal(answer.error?.code, 'HTTP-request-denied');
    assert.deepEqual(denials, [{ capability: 'network', detail: `GET ${other}/hello?…` }]);
    assert.deepEqual(await paths('other'), []);
    const unfollowed = await fetch({ url: `${GRANTED}/redirect?to=${encodeURIComponent(target)}`, maxRedirects: 0 });
    assert.equal(unfollowed.status, 302, 'with redirects off, the guest gets the redirect itself');
  });

  test('a granted name that resolves to loopback is refused (destination-IP-prohibited) unless the address is granted', async () => {
    allow = [GRANTED, NAMES];
    denials.length = 0;
    const answer = await fetch({ url: `http://loop.net-probe.test:${PORT}/hello?by-name` });
    assert.equal(answer.error?.code, 'destination-IP-prohibited');
    assert.equal(denials.length, 1);
    assert.match(denials[0]!.detail, /^GET http:\/\/loop\.net-probe\.test:47381\/hello\?…: loop\.net-probe\.test resolves only to addresses this grant does not allow: 127\.0\.0\.1 is a loopback address/);
    assert.ok(!(await paths('granted')).includes('/hello?by-name'));
    assert.equal((await fetch({ url: `${GRANTED}/hello` })).status, 200, 'the address itself, granted literally, is reachable');
  });

  test('a granted name that resolves to the cloud metadata endpoint or a private network is refused', async () => {
    allow = [NAMES];
    denials.length = 0;
    for (const host of ['metadata', 'private']) {
      const answer = await fetch({ url: `http://${host}.net-probe.test:${PORT}/latest/meta-data/` });
      assert.equal(answer.error?.code, 'destination-IP-prohibited', host);
    }
    assert.match(denials[0]!.detail, /cloud metadata endpoint/);
    assert.match(denials[1]!.detail, /private-network address/);
  });

  test('other spellings of loopback are refused when only a name is granted', async () => {
    allow = [NAMES];
    denials.length = 0;
    const spellings = [`http://2130706433:${PORT}`, `http://0177.0.0.1:${PORT}`, `http://0x7f.0.0.1:${PORT}`, `http://[::1]:${PORT}`, `http://[::ffff:127.0.0.1]:${PORT}`];
    for (const origin of spellings) {
      const answer = await fetch({ url: `${origin}/hello?spelling` });
      assert.equal(answer.error?.code, 'HTTP-request-denied', origin);
    }
    assert.deepEqual(
      denials.map((denial) => denial.detail),
      [`GET http://127.0.0.1:${PORT}/hello?…`, `GET http://127.0.0.1:${PORT}/hello?…`, `GET http://127.0.0.1:${PORT}/hello?…`, `GET http://[::1]:${PORT}/hello?…`, `GET http://[::ffff:7f00:1]:${PORT}/hello?…`],
      'the audit names the canonical address each spelling stands for',
    );
    assert.ok(!(await paths('granted')).includes('/hello?spelling'));
  });

  test('a response over the limit is cut with HTTP-response-body-size', async () => {
    allow = [GRANTED];
    limits = { responseBytes: 64 * 1024 };
    try {
      const answer = await fetch({ url: `${GRANTED}/big?bytes=${1024 * 1024}` });
      assert.equal(answer.error?.code, 'HTTP-response-body-size');
      assert.match(answer.error!.message, /larger than this servlet may receive/);
      assert.equal((await fetch({ url: `${GRANTED}/big?bytes=${60 * 1024}` })).length, 60 * 1024, 'within the limit it arrives whole');
    } finally {
      limits = {};
    }
  });

  test('a slow server hits the timeout', async () => {
    allow = [GRANTED];
    limits = { timeoutMs: 500 };
    try {
      // The server would answer after 5 s: a timeout error means the call ended at the 500 ms limit.
      const answer = await fetch({ url: `${GRANTED}/slow?ms=5000` });
      assert.equal(answer.error?.code, 'HTTP-response-timeout');
    } finally {
      limits = {};
    }
  });

  test('a revoke applies to the next call of the same instance', async () => {
    allow = [GRANTED];
    assert.equal((await fetch({ url: `${GRANTED}/hello` })).status, 200);
    allow = [];
    assert.equal((await fetch({ url: `${GRANTED}/hello` })).error?.code, 'HTTP-request-denied');
    assert.equal(servlet.instancesCreated, 1);
  });
});
