/**
 * Isolation over HTTP, with the gateway in this process (so the test can see servlet sessions end)
 * and real HTTP on loopback: two 2025-11-25 sessions never see each other's servlet state; DELETE
 * ends a session's servlet instances and its id; 2026-07-28 requests of one principal share a few
 * kept instances (another principal's never reach them: see http-oauth.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Client } from '@modelcontextprotocol/client';
import { httpToken, NodeHost, resolveHome, serveGatewayOverHttp, type RunningHttpServer } from '@mcp-wasm/node';
import { runCli, temporaryHome } from '../support/cli.js';
import { httpClient, MODERN } from '../support/http-serve.js';
import { builtServlet } from '../support/servlets.js';

async function state(client: Client): Promise<string> {
  const result = await client.callTool({ name: 'faulty__state', arguments: {} });
  return (result.content as { text: string }[])[0]!.text;
}

describe('serve --http: sessions', () => {
  const home = temporaryHome();
  let host: NodeHost;
  let running: RunningHttpServer;
  let authorization: string;
  const ended: string[] = [];

  before(async () => {
    assert.equal(runCli(['install', await builtServlet('faulty'), '--name', 'faulty', '--yes'], { home }).status, 0);
    host = new NodeHost(resolveHome({ MCP_WASM_HOME: home }), { version: '0.0.0-test' });
    await host.addInstalled();
    const servlet = host.gateway.list()[0]!;
    const endSession = servlet.endSession.bind(servlet);
    servlet.endSession = (session) => {
      ended.push(session);
      endSession(session);
    };
    authorization = `Bearer ${(await httpToken(host.home)).token}`;
    running = await serveGatewayOverHttp(host.gateway, { port: 0, auth: { kind: 'token', tokenFile: host.home.httpToken } });
  });
  after(async () => {
    await running.close();
    await host.close();
  });

  test('two sessions never see each other’s servlet state', async () => {
    const a = await httpClient(running.url, authorization);
    const b = await httpClient(running.url, authorization);
    try {
      assert.equal(a.client.getProtocolEra(), 'legacy');
      assert.ok(a.transport.sessionId && b.transport.sessionId && a.transport.sessionId !== b.transport.sessionId);
      assert.equal(await state(a.client), 'calls: 1');
      assert.equal(await state(a.client), 'calls: 2', 'a session keeps its instance between calls');
      assert.equal(await state(b.client), 'calls: 1', 'the other session has its own instance');
      assert.equal(await state(a.client), 'calls: 3');
    } finally {
      await a.client.close();
      await b.client.close();
    }
  });

  test('DELETE ends the session: its servlet instances end and its id is refused', async () => {
    const { client, transport } = await httpClient(running.url, authorization);
    assert.equal(await state(client), 'calls: 1');
    const sessionId = transport.sessionId!;
    const before = ended.length;
    const sessionsBefore = running.endpoint.sessionCount();
    await transport.terminateSession();
    assert.equal(ended.length, before + 1, 'the servlet heard its session end');
    assert.equal(running.endpoint.sessionCount(), sessionsBefore - 1);
    const reused = await fetch(running.url, {
      method: 'POST',
      headers: { authorization, 'mcp-session-id': sessionId, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/list' }),
    });
    assert.equal(reused.status, 404);
    await client.close();
  });

  test('2026-07-28 requests of one principal share a few kept instances, taken in turn', async () => {
    const { client } = await httpClient(running.url, authorization, MODERN);
    try {
      assert.equal(client.getProtocolEra(), 'modern');
      const before = ended.length;
      // Four instance sessions per principal, taken in turn: eight calls reach one of them twice at least.
      const answers = [];
      for (let i = 0; i < 8; i++) answers.push(await state(client));
      assert.ok(answers.some((answer) => answer !== 'calls: 1'), `an instance was kept between requests: ${answers.join(', ')}`);
      assert.equal(ended.length, before, 'no instance session ends with its exchange');
    } finally {
      await client.close();
    }
  });
});
