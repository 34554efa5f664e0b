/**
 * Escape suite, network: a guest that requests whatever URL it is given, against real HTTP servers
 * on loopback (one granted on port 47391, one never granted on 47392). Names resolve through the
 * host table that the test-only `MCP_WASM_TEST_HOSTS` hands the real CLI, since tests cannot use
 * real DNS. The guest is installed twice: `egress` with all it requests, `names-only` with only
 * `http://*.escape.test:47391`, so that another spelling of a granted address is not an attack.
 * Every refusal is the error code the guest sees, a `denied` audit line, and a request that never
 * reached a server; the host serves the next call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import type { Connection } from '../support/mcp-client.js';
import { assertDenied, assertStillServes, buildGuests, callTool, cli, install, newHome, serve } from './support.js';

const PORT = 47391;
const OTHER_PORT = 47392;
const GRANTED = `http://127.0.0.1:${PORT}`;
const OTHER = `http://127.0.0.1:${OTHER_PORT}`;
const NAMES = `http://*.escape.test:${PORT}`;

interface Fetched {
  status?: number;
  length?: number;
  body?: string;
  error?: { code: string; message: string };
}

describe('network', () => {
  let file: string;
  let home: string;
  let servers: TestServers;
  let connection: Connection;

  async function fetch(servlet: 'egress' | 'names-only', url: string): Promise<Fetched> {
    const answer = await callTool(connection, servlet, 'fetch', { url });
    assert.equal(answer.isError, false, answer.text);
    return JSON.parse(answer.text) as Fetched;
  }

  /** The paths a server received. */
  async function received(server: string): Promise<string[]> {
    return (await servers.received()).filter((request) => request.server === server).map((request) => request.path);
  }

  /** `url` is refused with `code` for `servlet`, audited as `detail`, never sent; the host serves on. */
  async function refused(servlet: 'egress' | 'names-only', url: string, code: string, detail: RegExp): Promise<Fetched> {
    const before = (await servers.received()).length;
    const answer = await fetch(servlet, url);
    assert.equal(answer.error?.code, code, JSON.stringify(answer));
    assertDenied(home, servlet, 'network', detail);
    assert.equal((await servers.received()).length, before, 'the request never reached a server');
    await assertStillServes(connection, servlet);
    return answer;
  }

  /** `refused`, for a test that needs nothing of the answer. */
  async function blocked(servlet: 'egress' | 'names-only', url: string, code: string, detail: RegExp): Promise<void> {
    await refused(servlet, url, code, detail);
  }

  before(async () => {
    ({ 'http-egress': file } = await buildGuests(['http-egress']));
    servers = await startTestServers({ granted: PORT, other: OTHER_PORT });
    process.env.MCP_WASM_TEST_HOSTS = JSON.stringify({
      'loop.escape.test': ['127.0.0.1'],
      'metadata.escape.test': ['169.254.169.254'],
      'mapped.escape.test': ['::ffff:127.0.0.1'],
      'private.escape.test': ['10.1.2.3'],
    });
    home = newHome();
    install(home, file, '--name', 'egress', '--yes');
    install(home, file, '--name', 'names-only', '--allow-host', NAMES);
    connection = await serve(home);
    assert.equal((await fetch('egress', `${GRANTED}/hello`)).body, 'hello from granted', 'the granted origin works');
  });

  after(async () => {
    delete process.env.MCP_WASM_TEST_HOSTS;
    await connection?.transport.close();
    await servers?.close();
  });

  test('network to an ungranted host', async () => {
    const answer = await refused('egress', `${OTHER}/hello`, 'HTTP-request-denied', new RegExp(`^GET ${OTHER}/hello$`));
    assert.equal(answer.error?.message, `${OTHER} is not granted to this servlet: the person can grant it with \`mcp-wasm grant <servlet> --allow-host ${OTHER}\``);
  });

  test('a redirect to an ungranted host', async () => {
    const target = `${OTHER}/hello?via-redirect`;
    const answer = await fetch('egress', `${GRANTED}/redirect?to=${encodeURIComponent(target)}`);
    assert.equal(answer.error?.code, 'HTTP-request-denied', JSON.stringify(answer));
    assertDenied(home, 'egress', 'network', new RegExp(`^GET ${OTHER}/hello\\?…$`));
    assert.deepEqual(await received('other'), [], 'the redirect target was never requested');
    await assertStillServes(connection, 'egress');
  });

  test('a redirect to the cloud metadata address', async () => {
    const answer = await fetch('egress', `${GRANTED}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/meta-data/')}`);
    assert.equal(answer.error?.code, 'HTTP-request-denied');
    assertDenied(home, 'egress', 'network', /^GET http:\/\/169\.254\.169\.254\/latest\/meta-data\/$/);
    await assertStillServes(connection, 'egress');
  });

  test('a host name resolving to 127.0.0.1', () =>
    blocked('names-only', `http://loop.escape.test:${PORT}/hello`, 'destination-IP-prohibited', /loop\.escape\.test resolves only to addresses this grant does not allow: 127\.0\.0\.1 is a loopback address/));

  test('a host name resolving to 169.254.169.254', () =>
    blocked('names-only', `http://metadata.escape.test:${PORT}/latest/meta-data/`, 'destination-IP-prohibited', /169\.254\.169\.254 .*cloud metadata endpoint/));

  test('a host name resolving to an IPv4-mapped loopback address', () =>
    blocked('names-only', `http://mapped.escape.test:${PORT}/hello`, 'destination-IP-prohibited', /mapped\.escape\.test resolves only to addresses this grant does not allow: .*loopback/));

  test('a host name resolving to a private network', () =>
    blocked('names-only', `http://private.escape.test:${PORT}/hello`, 'destination-IP-prohibited', /10\.1\.2\.3 is a private-network address/));

  test('IPv6 loopback', () => blocked('names-only', `http://[::1]:${PORT}/hello`, 'HTTP-request-denied', new RegExp(`^GET http://\\[::1\\]:${PORT}/hello$`)));

  test('IPv4-mapped IPv6 loopback', () =>
    blocked('names-only', `http://[::ffff:127.0.0.1]:${PORT}/hello`, 'HTTP-request-denied', new RegExp(`^GET http://\\[::ffff:7f00:1\\]:${PORT}/hello$`)));

  test('decimal IP spelling of loopback', () => blocked('names-only', `http://2130706433:${PORT}/hello`, 'HTTP-request-denied', new RegExp(`^GET ${GRANTED}/hello$`)));

  test('octal IP spelling of loopback', () => blocked('names-only', `http://0177.0.0.1:${PORT}/hello`, 'HTTP-request-denied', new RegExp(`^GET ${GRANTED}/hello$`)));

  test('hexadecimal IP spelling of loopback', () => blocked('names-only', `http://0x7f.0.0.1:${PORT}/hello`, 'HTTP-request-denied', new RegExp(`^GET ${GRANTED}/hello$`)));

  test('shortened IP spelling of loopback', () => blocked('names-only', `http://127.1:${PORT}/hello`, 'HTTP-request-denied', new RegExp(`^GET ${GRANTED}/hello$`)));

  test('the cloud metadata address, literally', () =>
    blocked('egress', 'http://169.254.169.254/latest/meta-data/', 'HTTP-request-denied', /^GET http:\/\/169\.254\.169\.254\/latest\/meta-data\/$/));

  test('an oversized response', async () => {
    const answer = await fetch('egress', `${GRANTED}/big?bytes=${20 * 1024 * 1024}`);
    assert.equal(answer.error?.code, 'HTTP-response-body-size', JSON.stringify(answer));
    assert.match(answer.error!.message, /larger than this servlet may receive/);
    await assertStillServes(connection, 'egress');
  });

  test('a grant beyond the request', async () => {
    const other = newHome();
    const result = cli(other, ['install', file, '--allow-host', OTHER]);
    assert.equal(result.status, 1);
    assert.match(result.stderr, new RegExp(`cannot grant network access to ${OTHER}, which the servlet does not request \\(it requests ${GRANTED}, http://\\*\\.escape\\.test:${PORT}\\)`));
    const later = cli(home, ['grant', 'names-only', '--allow-host', OTHER]);
    assert.equal(later.status, 1);
    assert.match(later.stderr, new RegExp(`cannot grant network access to ${OTHER}, which the servlet does not request`));
    await assertStillServes(connection, 'names-only');
  });
});
