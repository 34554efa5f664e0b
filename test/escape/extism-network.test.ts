/**
 * Escape suite, network, for Extism plugins: `http_request` goes through the host's own network
 * path, so the attacks of network.test.ts fail the same way: an ungranted host, a name that resolves
 * to loopback or a private network, a redirect to an ungranted host (the host follows none). Each
 * refusal ends the plugin's call with the reason (Extism semantics), lands in the audit log, never
 * reaches a server, and the host serves the next call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pluginFile } from '../fixtures/extism/build.js';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import type { Connection } from '../support/mcp-client.js';
import { assertDenied, assertStillServes, callTool, install, newHome, serve } from './support.js';

const PORT = 47491;
const OTHER_PORT = 47492;
const GRANTED = `http://127.0.0.1:${PORT}`;
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;

describe('network (Extism plugins)', () => {
  let home: string;
  let servers: TestServers;
  let connection: Connection;

  const fetch = (servlet: string, url: string) => callTool(connection, servlet, 'fetch', { url });
  const receivedBy = async (server: string) => (await servers.received()).filter((request) => request.server === server).map((request) => request.path);

  before(async () => {
    const file = await pluginFile('mcp-run-v0', { file: 'egress.wasm' });
    servers = await startTestServers({ granted: PORT, other: OTHER_PORT });
    process.env.MCP_WASM_TEST_HOSTS = JSON.stringify({ 'loop.escape.test': ['127.0.0.1'], 'private.escape.test': ['10.1.2.3'] });
    home = newHome();
    install(home, file, '--name', 'egress', '--allow-host', GRANTED);
    install(home, file, '--name', 'names-only', '--allow-host', `http://*.escape.test:${PORT}`);
    connection = await serve(home);
    assert.equal((await fetch('egress', `${GRANTED}/hello`)).text, '200 hello from granted', 'the granted origin works');
  });

  after(async () => {
    delete process.env.MCP_WASM_TEST_HOSTS;
    await connection?.transport.close();
    await servers?.close();
  });

  test('network to an ungranted host', async () => {
    const answer = await fetch('egress', `${OTHER}/hello`);
    assert.equal(answer.isError, true);
    assert.match(answer.text, new RegExp(`HTTP request to ${OTHER} is not allowed: it is not granted to this servlet`));
    assertDenied(home, 'egress', 'network', new RegExp(`^GET ${OTHER}/hello$`));
    assert.deepEqual(await receivedBy('other'), [], 'the request never left the host');
    await assertStillServes(connection, 'egress');
  });

  test('a redirect to an ungranted host is not followed', async () => {
    const answer = await fetch('egress', `${GRANTED}/redirect?to=${encodeURIComponent(`${OTHER}/hello`)}`);
    assert.equal(answer.text, '302 ', 'the plugin sees the redirect itself');
    assert.deepEqual(await receivedBy('other'), [], 'the redirect target was never requested');
    await assertStillServes(connection, 'egress');
  });

  test('a host name resolving to 127.0.0.1', async () => {
    const answer = await fetch('names-only', `http://loop.escape.test:${PORT}/hello`);
    assert.equal(answer.isError, true);
    assertDenied(home, 'names-only', 'network', /loop\.escape\.test resolves only to addresses this grant does not allow: 127\.0\.0\.1 is a loopback address/);
    await assertStillServes(connection, 'names-only');
  });

  test('a host name resolving to a private network', async () => {
    const answer = await fetch('names-only', `http://private.escape.test:${PORT}/hello`);
    assert.equal(answer.isError, true);
    assertDenied(home, 'names-only', 'network', /10\.1\.2\.3 is a private-network address/);
    await assertStillServes(connection, 'names-only');
  });

  test('the cloud metadata address, literally', async () => {
    const answer = await fetch('egress', 'http://169.254.169.254/latest/meta-data/');
    assert.equal(answer.isError, true);
    assertDenied(home, 'egress', 'network', /^GET http:\/\/169\.254\.169\.254\/latest\/meta-data\/$/);
    await assertStillServes(connection, 'egress');
  });
});
