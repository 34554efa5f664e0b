/**
 * Sampling and elicitation through a real `mcp-wasm serve`: a servlet running in its worker asks the
 * MCP client (here the official SDK client, answering as a person and a model would) only when
 * granted; otherwise it gets a refusal naming the grant, and the refusal is audited.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

function text(result: unknown): string {
  return (result as CallToolResult).content.map((block) => ('text' in block ? block.text : '')).join('');
}

test('granted sampling and elicitation reach the client; revoked ones are refused and audited', async () => {
  const home = temporaryHome();
  assert.equal(runCli(['install', await builtServlet('client-probe'), '--yes'], { home }).status, 0);
  const asked: string[] = [];
  const { client, transport } = await connect(
    ['serve'],
    home,
    (client) => {
      client.setRequestHandler('sampling/createMessage', async (request) => {
        asked.push(`sampling: ${JSON.stringify(request.params.messages[0]?.content)}`);
        return { role: 'assistant', content: { type: 'text', text: 'short version' }, model: 'test-model', stopReason: 'endTurn' };
      });
      client.setRequestHandler('elicitation/create', async (request) => {
        asked.push(`elicitation: ${request.params.message}`);
        return { action: 'accept', content: { name: 'Ada' } };
      });
    },
    { sampling: {}, elicitation: { form: {} } },
  );
  try {
    assert.equal(text(await client.callTool({ name: 'client-probe__summarize', arguments: { text: 'a long page' } })), 'test-model: short version');
    assert.equal(text(await client.callTool({ name: 'client-probe__ask_name', arguments: {} })), '{"action":"accept","content":{"name":"Ada"}}');
    assert.deepEqual(asked, ['sampling: {"type":"text","text":"Summarise: a long page"}', 'elicitation: What is your name?']);

    assert.equal(runCli(['revoke', 'client-probe', 'sampling', 'elicitation'], { home }).status, 0);
    assert.match(
      text(await client.callTool({ name: 'client-probe__summarize', arguments: { text: 'x' } })),
      /^refused: sampling is not granted to this servlet; the person can grant it with `mcp-wasm grant <servlet> --allow sampling`/,
    );
    assert.match(text(await client.callTool({ name: 'client-probe__ask_name', arguments: {} })), /^refused: elicitation is not granted/);
    assert.equal(asked.length, 2, 'the client was not asked again');
    const denied = readFileSync(join(home, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
      .filter((line) => line.type === 'denied')
      .map((line) => line.capability);
    assert.deepEqual(denied, ['sampling', 'elicitation']);
  } finally {
    await transport.close();
  }
});
