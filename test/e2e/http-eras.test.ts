/**
 * One endpoint, both MCP eras, through the official SDK client against a real
 * `mcp-wasm serve --http`: 2025-11-25 (initialize, a session) and 2026-07-28 (pinned: `server/discover`,
 * stateless requests). And the credential stops at the boundary: a servlet fetching through its
 * granted origin sends no Authorization header upstream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { httpClient, MODERN, startHttpServe, type HttpServe } from '../support/http-serve.js';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import { builtServlet } from '../support/servlets.js';

/** The loopback port net-probe's manifest requests (test/fixtures/servlets/net-probe/servlet.json). */
const NET_PROBE_PORT = 47381;

describe('serve --http: both eras on one endpoint', () => {
  const home = temporaryHome();
  let serve: HttpServe;
  let upstream: TestServers;

  before(async () => {
    for (const name of ['hello', 'net-probe'] as const) {
      assert.equal(runCli(['install', await builtServlet(name), '--name', name, '--yes'], { home }).status, 0);
    }
    upstream = await startTestServers({ granted: NET_PROBE_PORT });
    serve = await startHttpServe(home);
  });
  after(async () => {
    await serve.stop();
    await upstream.close();
  });

  test('2025-11-25: initialize opens a session; tools are listed and called', async () => {
    const { client, transport } = await httpClient(serve.url, `Bearer ${serve.token}`);
    try {
      assert.equal(client.getProtocolEra(), 'legacy');
      assert.equal(client.getNegotiatedProtocolVersion(), '2025-11-25');
      assert.ok(transport.sessionId);
      const { tools } = await client.listTools();
      assert.ok(tools.some((tool) => tool.name === 'hello__greet'));
      const result = await client.callTool({ name: 'hello__add', arguments: { a: 2, b: 3 } });
      assert.deepEqual(result.structuredContent, { sum: 5 });
    } finally {
      await client.close();
    }
  });

  test('2026-07-28: server/discover, then stateless requests without a session', async () => {
    const { client, transport } = await httpClient(serve.url, `Bearer ${serve.token}`, MODERN);
    try {
      assert.equal(client.getProtocolEra(), 'modern');
      assert.equal(client.getNegotiatedProtocolVersion(), '2026-07-28');
      assert.ok(client.getDiscoverResult()?.supportedVersions.includes('2026-07-28'));
      assert.equal(client.getServerVersion()?.name, 'mcp-wasm');
      assert.equal(transport.sessionId, undefined);
      const { tools } = await client.listTools();
      assert.ok(tools.some((tool) => tool.name === 'hello__greet'));
      const result = await client.callTool({ name: 'hello__greet', arguments: { name: 'modern' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, modern!' }]);
    } finally {
      await client.close();
    }
  });

  test('the bearer token never reaches a servlet or an upstream', async () => {
    for (const options of [{}, MODERN]) {
      const { client } = await httpClient(serve.url, `Bearer ${serve.token}`, options);
      try {
        const result = await client.callTool({ name: 'net-probe__fetch', arguments: { url: `http://127.0.0.1:${NET_PROBE_PORT}/echo` } });
        const text = (result.content as { text: string }[])[0]!.text;
        const answer = JSON.parse(text) as { status: number; body: string };
        assert.equal(answer.status, 200, text);
        const echoed = JSON.parse(answer.body) as { headers: Record<string, string> };
        assert.equal(echoed.headers.authorization, undefined);
        assert.ok(!answer.body.includes(serve.token), 'the token appears nowhere in what the upstream received');
      } finally {
        await client.close();
      }
    }
  });
});
