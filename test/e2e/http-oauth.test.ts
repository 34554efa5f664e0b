/**
 * `serve --http --auth oauth`: an OAuth 2.1 resource server for a real authorization server on
 * loopback (test/support/oauth-server.ts). It publishes RFC 9728 metadata, accepts JWTs of the issuer
 * for its own audience with the required scope, and refuses the rest: another audience, an expired
 * token, a forged signature or another issuer (401 invalid_token), a missing scope (403).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { httpClient, MODERN, startHttpServe, type HttpServe } from '../support/http-serve.js';
import { startOAuthServer, type OAuthServer, type TokenClaims } from '../support/oauth-server.js';
import { builtServlet } from '../support/servlets.js';

describe('serve --http --auth oauth', () => {
  const home = temporaryHome();
  let oauth: OAuthServer;
  let serve: HttpServe;
  let audience: string;

  const mint = (claims: Partial<TokenClaims>) => oauth.mint({ audience, scopes: ['mcp:tools'], ...claims });
  async function list(token: string): Promise<Response> {
    return fetch(serve.url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } }),
    });
  }

  before(async () => {
    assert.equal(runCli(['install', await builtServlet('hello'), '--name', 'hello', '--yes'], { home }).status, 0);
    assert.equal(runCli(['install', await builtServlet('faulty'), '--name', 'faulty', '--yes'], { home }).status, 0);
    oauth = await startOAuthServer();
    serve = await startHttpServe(home, ['--auth', 'oauth', '--issuer', oauth.issuer, '--scopes', 'mcp:tools']);
    audience = serve.url.href;
  });
  after(async () => {
    await serve.stop();
    await oauth.close();
  });

  test('serves the protected resource metadata, at the root and path-suffixed locations', async () => {
    for (const path of ['/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-protected-resource']) {
      const response = await fetch(new URL(path, serve.url));
      assert.equal(response.status, 200, path);
      const metadata = (await response.json()) as { resource: string; authorization_servers: string[]; scopes_supported: string[] };
      assert.equal(metadata.resource, audience);
      assert.deepEqual(metadata.authorization_servers, [oauth.issuer]);
      assert.deepEqual(metadata.scopes_supported, ['mcp:tools']);
    }
  });

  test('no token: 401 pointing at the metadata document', async () => {
    const response = await fetch(serve.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(response.status, 401);
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /resource_metadata="http:\/\/127\.0\.0\.1:\d+\/\.well-known\/oauth-protected-resource\/mcp"/);
    assert.match(challenge, /scope="mcp:tools"/);
  });

  test('a valid token is accepted, in both eras', async () => {
    const token = await mint({});
    assert.equal((await list(token)).status, 200);
    for (const options of [{}, MODERN]) {
      const { client } = await httpClient(serve.url, `Bearer ${token}`, options);
      try {
        const result = await client.callTool({ name: 'hello__greet', arguments: { name: 'OAuth' } });
        assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, OAuth!' }]);
      } finally {
        await client.close();
      }
    }
  });

  test('2026-07-28 requests of two principals never reach the same servlet instance', async () => {
    const state = async (token: string) => {
      const { client } = await httpClient(serve.url, `Bearer ${token}`, MODERN);
      try {
        const result = await client.callTool({ name: 'faulty__state', arguments: {} });
        return (result.content as { text: string }[])[0]!.text;
      } finally {
        await client.close();
      }
    };
    const alice = await mint({ subject: 'alice' });
    const bob = await mint({ subject: 'bob' });
    // Four instances are kept per principal, taken in turn: eight of Alice's calls reach one twice at least.
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await state(alice));
    assert.ok(answers.some((answer) => answer !== 'calls: 1'), `alice's instances are kept: ${answers.join(', ')}`);
    assert.equal(await state(bob), 'calls: 1', "bob's request never reaches an instance alice used");
  });

  test('another audience, an expired token, a forged signature, another issuer: 401 invalid_token', async () => {
    const refused = {
      'wrong audience': await mint({ audience: 'http://127.0.0.1:1/mcp' }),
      expired: await mint({ expiresIn: -120 }),
      forged: await mint({ foreignKey: true }),
      'another issuer': await mint({ issuer: 'http://127.0.0.1:2' }),
    };
    for (const [why, token] of Object.entries(refused)) {
      const response = await list(token);
      assert.equal(response.status, 401, why);
      assert.match(response.headers.get('www-authenticate') ?? '', /error="invalid_token".*resource_metadata=/, why);
    }
  });

  test('a token without the required scope: 403 insufficient_scope naming it', async () => {
    const response = await list(await mint({ scopes: ['other'] }));
    assert.equal(response.status, 403);
    const challenge = response.headers.get('www-authenticate') ?? '';
    assert.match(challenge, /error="insufficient_scope"/);
    assert.match(challenge, /scope="mcp:tools"/);
  });
});
