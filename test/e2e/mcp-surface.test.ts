/**
 * The whole MCP surface through a servlet, with the official SDK client against a real
 * `mcp-wasm serve`: the conformance fixture (built from source) served alone with bare names.
 * Subscriptions and update notifications, completion, log levels, progress, structured output,
 * media and embedded content, and sampling and elicitation both as requests during a call and as
 * input-required rounds, granted and refused.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client, StreamableHTTPClientTransport, type CallToolResult } from '@modelcontextprotocol/client';
import { CLI, runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet, ROOT } from '../support/servlets.js';

function text(result: unknown): string {
  return (result as CallToolResult).content.map((block) => ('text' in block ? block.text : `[${block.type}]`)).join('');
}

/** A client that answers as a person, a model and a file manager would. */
function answering(asked: string[]) {
  return (client: Client) => {
    client.setRequestHandler('sampling/createMessage', async (request) => {
      asked.push(`sampling: ${JSON.stringify(request.params.messages[0]?.content)}`);
      return { role: 'assistant', content: { type: 'text', text: 'Paris' }, model: 'test-model', stopReason: 'endTurn' };
    });
    client.setRequestHandler('elicitation/create', async (request) => {
      asked.push(`elicitation: ${request.params.message}`);
      return { action: 'accept', content: { name: 'Ada', username: 'ada', email: 'ada@example.com', ok: true, color: 'blue', context: 'the test' } };
    });
    client.setRequestHandler('roots/list', async () => {
      asked.push('roots');
      return { roots: [{ uri: 'file:///work', name: 'work' }] };
    });
  };
}

const CAPABILITIES = { sampling: {}, elicitation: { form: {} }, roots: {} };

describe('the MCP surface over stdio, one servlet with bare names', () => {
  let home: string;
  let connection: Connection;
  const asked: string[] = [];
  const updated: string[] = [];

  before(async () => {
    home = temporaryHome();
    assert.equal(runCli(['install', await builtServlet('conformance'), '--name', 'conformance', '--yes'], { home }).status, 0);
    connection = await connect(['serve', '--only', 'conformance', '--bare-names'], home, answering(asked), CAPABILITIES);
    connection.client.setNotificationHandler('notifications/resources/updated', (notification) => {
      updated.push(notification.params.uri);
    });
  });
  after(() => connection.transport.close());

  test('tools keep their own names; media, embedded and structured content arrive intact', async () => {
    const { client } = connection;
    const names = (await client.listTools()).tools.map((tool) => tool.name);
    assert.ok(names.includes('test_simple_text') && !names.some((name) => name.includes('__')));
    const image = (await client.callTool({ name: 'test_image_content', arguments: {} })) as CallToolResult;
    assert.deepEqual(image.content[0], { type: 'image', mimeType: 'image/png', data: image.content[0]!.type === 'image' ? image.content[0]!.data : '' });
    assert.match(image.content[0]!.type === 'image' ? image.content[0]!.data : '', /^iVBORw0KGgo/); // a PNG signature
    const sound = (await client.callTool({ name: 'test_audio_content', arguments: {} })) as CallToolResult;
    assert.equal(sound.content[0]!.type === 'audio' && Buffer.from(sound.content[0]!.data, 'base64').subarray(0, 4).toString(), 'RIFF');
    const embedded = (await client.callTool({ name: 'test_embedded_resource', arguments: {} })) as CallToolResult;
    assert.deepEqual(embedded.content[0], {
      type: 'resource',
      resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' },
    });
    const structured = (await client.callTool({ name: 'test_structured_output', arguments: { city: 'Lyon' } })) as CallToolResult;
    assert.deepEqual(structured.structuredContent, { city: 'Lyon', temperature: 22.5, conditions: 'sunny' });
  });

  test('a subscribed client hears that a resource changed; after unsubscribing it does not', async () => {
    const { client } = connection;
    await client.subscribeResource({ uri: 'test://watched-resource' });
    await client.callTool({ name: 'test_update_watched_resource', arguments: {} });
    assert.deepEqual(updated, ['test://watched-resource']);
    const read = await client.readResource({ uri: 'test://watched-resource' });
    assert.deepEqual(read.contents, [{ uri: 'test://watched-resource', mimeType: 'text/plain', text: 'version 1' }]);
    await client.unsubscribeResource({ uri: 'test://watched-resource' });
    await client.callTool({ name: 'test_update_watched_resource', arguments: {} });
    assert.deepEqual(updated, ['test://watched-resource']);
  });

  test('completion suggests prompt arguments and template variables', async () => {
    const { client } = connection;
    const prompt = await client.complete({ ref: { type: 'ref/prompt', name: 'test_prompt_with_arguments' }, argument: { name: 'arg1', value: 'pa' } });
    assert.deepEqual(prompt.completion.values, ['paris', 'park', 'party']);
    const template = await client.complete({ ref: { type: 'ref/resource', uri: 'test://template/{id}/data' }, argument: { name: 'id', value: '4' } });
    assert.deepEqual(template.completion.values, ['456']);
  });

  test('logging/setLevel filters the servlet log lines the client receives', async () => {
    const { client, logs } = connection;
    await client.setLoggingLevel('warning');
    logs.length = 0;
    await client.callTool({ name: 'test_logging_tool', arguments: {} });
    assert.deepEqual(logs.map((line) => line.level), ['warning']);
    await client.setLoggingLevel('debug');
    logs.length = 0;
    await client.callTool({ name: 'test_logging_tool', arguments: {} });
    assert.deepEqual(logs.map((line) => `${line.level} ${line.logger}`), ['debug conformance', 'info conformance', 'warning conformance']);
  });

  test('progress reaches the client of the call', async () => {
    const seen: number[] = [];
    await connection.client.callTool({ name: 'test_tool_with_progress', arguments: {} }, { onprogress: (progress) => seen.push(progress.progress) });
    assert.deepEqual(seen, [0, 50, 100]);
  });

  test('sampling and elicitation, as requests during a call and as input-required rounds', async () => {
    const { client } = connection;
    asked.length = 0;
    assert.equal(text(await client.callTool({ name: 'test_sampling', arguments: { prompt: 'Capital of France?' } })), 'LLM response: Paris');
    assert.equal(text(await client.callTool({ name: 'test_input_required_result_elicitation', arguments: {} })), 'Hello, Ada!');
    assert.equal(text(await client.callTool({ name: 'test_input_required_result_multiple_inputs', arguments: {} })), 'Paris Ada (1 roots)');
    const prompt = await client.getPrompt({ name: 'test_input_required_result_prompt' });
    assert.deepEqual(prompt.messages[0]?.content, { type: 'text', text: 'Use this context: the test' });
    assert.deepEqual(asked.slice(0, 2), ['sampling: {"type":"text","text":"Capital of France?"}', 'elicitation: What is your name?']);
  });

  test('revoked client features are refused inside the servlet, audited, and the client is not asked', async () => {
    const { client } = connection;
    assert.equal(runCli(['revoke', 'conformance', 'sampling', 'elicitation', 'roots'], { home }).status, 0);
    asked.length = 0;
    const sampling = (await client.callTool({ name: 'test_sampling', arguments: { prompt: 'x' } })) as CallToolResult;
    assert.equal(sampling.isError, true);
    assert.match(text(sampling), /sampling is not granted to this servlet/);
    const round = (await client.callTool({ name: 'test_input_required_result_elicitation', arguments: {} })) as CallToolResult;
    assert.equal(round.isError, true);
    assert.match(text(round), /elicitation is not granted to this servlet/);
    assert.deepEqual(asked, []);
    const denied = readFileSync(join(home, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; capability?: string })
      .filter((line) => line.type === 'denied')
      .map((line) => line.capability);
    assert.deepEqual(denied, ['sampling', 'elicitation']);
  });
});

test('--bare-names is refused unless exactly one servlet is served', async () => {
  const home = temporaryHome();
  assert.equal(runCli(['install', await builtServlet('conformance'), '--name', 'conformance', '--yes'], { home }).status, 0);
  assert.equal(runCli(['install', await builtServlet('hello'), '--name', 'hello', '--yes'], { home }).status, 0);
  const refused = runCli(['serve', '--bare-names'], { home });
  assert.notEqual(refused.status, 0);
  assert.match(String(refused.stderr), /--bare-names needs exactly one servlet, but 2 would be served: choose one with --only NAME/);
});

test('over Streamable HTTP an input-required round completes for the official client', async () => {
  const home = temporaryHome();
  assert.equal(runCli(['install', await builtServlet('conformance'), '--name', 'conformance', '--yes'], { home }).status, 0);
  const server = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', '--only', 'conformance', '--bare-names'], {
    cwd: ROOT,
    env: { ...process.env, MCP_WASM_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  try {
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      server.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /over Streamable HTTP at (http:\/\/\S+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
      server.on('exit', () => reject(new Error(`serve exited: ${output}`)));
    });
    const token = readFileSync(join(home, 'http-token'), 'utf8').trim();
    const client = new Client({ name: 'mcp-wasm-test', version: '1.0.0' }, { capabilities: CAPABILITIES });
    answering([])(client);
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
    try {
      assert.equal(text(await client.callTool({ name: 'test_input_required_result_multi_round', arguments: {} })), 'Ada likes blue');
      assert.equal(text(await client.callTool({ name: 'test_simple_text', arguments: {} })), 'This is a simple text response for testing.');
    } finally {
      await client.close();
    }
  } finally {
    server.kill('SIGTERM');
  }
});
