/**
 * `mcp-wasm serve --http` refuses what it must, before any MCP handling: no token or a wrong one
 * (401 with a WWW-Authenticate challenge), a foreign Origin (403), a DNS-rebinding Host (403), and
 * malformed or oversized bodies (JSON-RPC errors, never a crash). The token lives in the home,
 * readable by its owner only, and a rotated token applies to the running server at once.
 */
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { startHttpServe, type HttpServe } from '../support/http-serve.js';
import { builtServlet } from '../support/servlets.js';

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});

describe('serve --http: authentication and request validation', () => {
  const home = temporaryHome();
  let serve: HttpServe;

  /** POSTs `body` to the endpoint with the given extra headers. */
  function post(headers: Record<string, string>, body = INITIALIZE, url: URL | string = serve.url): Promise<Response> {
    return fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body });
  }
  const bearer = () => ({ authorization: `Bearer ${serve.token}` });

  before(async () => {
    assert.equal(runCli(['install', await builtServlet('hello'), '--name', 'hello', '--yes'], { home }).status, 0);
    serve = await startHttpServe(home, ['--allow-origin', 'http://localhost:6274']);
  });
  after(() => serve.stop());

  test('prints the URL, the token and client configurations with the Authorization header', () => {
    assert.equal(serve.url.hostname, '127.0.0.1');
    assert.equal(serve.url.pathname, '/mcp');
    assert.match(serve.token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
    assert.ok(serve.stderr().includes(serve.token));
    assert.ok(serve.stderr().includes(`"Authorization": "Bearer ${serve.token}"`));
    assert.match(serve.stderr(), /VS Code[\s\S]*Cursor[\s\S]*Claude Desktop[\s\S]*MCP Inspector/);
  });

  test('the token file is readable by its owner only, and `mcp-wasm token` prints it', () => {
    assert.equal(statSync(join(home, 'http-token')).mode & 0o777, 0o600);
    const printed = runCli(['token'], { home });
    assert.equal(printed.status, 0, printed.stderr);
    assert.equal(printed.stdout.trim(), serve.token);
  });

  test('a request without a token gets 401 with a challenge and no error code', async () => {
    const response = await post({});
    assert.equal(response.status, 401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /^Bearer /);
    assert.doesNotMatch(challenge, /error=/, 'RFC 6750 §3.1: no error code when no credential was sent');
  });

  test('a wrong token gets 401 invalid_token', async () => {
    for (const authorization of [`Bearer ${serve.token.slice(0, -1)}x`, 'Bearer short', `Basic ${serve.token}`]) {
      const response = await post({ authorization });
      assert.equal(response.status, 401, authorization);
      assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
    }
  });

  test('the right token is accepted', async () => {
    const response = await post(bearer());
    assert.equal(response.status, 200);
    assert.ok(response.headers.get('mcp-session-id'));
    await response.body?.cancel();
  });

  test('a foreign Origin gets 403, even with the right token', async () => {
    for (const origin of ['http://evil.example', 'http://localhost:6666', 'null']) {
      const response = await post({ ...bearer(), origin });
      assert.equal(response.status, 403, origin);
      assert.equal(response.headers.get('access-control-allow-origin'), null);
    }
  });

  test('an allowed Origin passes, with CORS headers and a preflight', async () => {
    const preflight = await fetch(serve.url, { method: 'OPTIONS', headers: { origin: 'http://localhost:6274', 'access-control-request-method': 'POST' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), 'http://localhost:6274');
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
    const response = await post({ ...bearer(), origin: 'http://localhost:6274' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('access-control-allow-origin'), 'http://localhost:6274');
    await response.body?.cancel();
  });

  test('a DNS-rebinding Host gets 403, even with the right token; loopback names pass', async () => {
    const { port } = serve.url;
    // fetch() does not let a caller choose Host, so these requests go through node:http.
    const { request } = await import('node:http');
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ host: '127.0.0.1', port, path: '/mcp', method: 'POST', headers: { host, ...bearer(), 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.once('error', reject);
        req.end(INITIALIZE);
      });
    assert.equal(await statusFor(`evil.example:${port}`), 403);
    assert.equal(await statusFor(`127.0.0.1:${Number(port) + 1}`), 403, 'another port is another server');
    assert.equal(await statusFor(`localhost:${port}`), 200);
  });

  test('malformed JSON is a JSON-RPC parse error; an oversized body is refused; the server keeps serving', async () => {
    const malformed = await post(bearer(), '{"jsonrpc": "2.0", ');
    assert.equal(malformed.status, 400);
    assert.equal(((await malformed.json()) as { error: { code: number } }).error.code, -32700);
    const huge = await post(bearer(), JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'ping', params: { pad: 'x'.repeat(5 * 1024 * 1024) } }));
    assert.equal(huge.status, 413);
    const wrongType = await fetch(serve.url, { method: 'POST', headers: { ...bearer(), 'content-type': 'text/plain' }, body: INITIALIZE });
    assert.equal(wrongType.status, 415);
    const elsewhere = await post(bearer(), INITIALIZE, new URL('/other', serve.url));
    assert.equal(elsewhere.status, 404);
    const still = await post(bearer());
    assert.equal(still.status, 200);
    await still.body?.cancel();
  });

  test('`mcp-wasm token --rotate` applies to the running server at once', async () => {
    const old = serve.token;
    const rotated = runCli(['token', '--rotate'], { home });
    assert.equal(rotated.status, 0, rotated.stderr);
    const token = rotated.stdout.trim();
    assert.notEqual(token, old);
    assert.equal((await post({ authorization: `Bearer ${old}` })).status, 401);
    const response = await post({ authorization: `Bearer ${token}` });
    assert.equal(response.status, 200);
    await response.body?.cancel();
    serve.token = token;
  });
});
