/**
 * The foundation's end-to-end path: `mcp-wasm serve` as a child process, driven over stdio by the
 * official MCP SDK client, serving servlets built from source.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

describe('mcp-wasm serve over stdio, with the official SDK client', () => {
  let connection: Connection;
  const home = temporaryHome();

  before(async () => {
    for (const name of ['hello', 'faulty'] as const) {
      const installed = runCli(['install', await builtServlet(name), '--name', name, '--yes'], { home });
      assert.equal(installed.status, 0, installed.stderr);
    }
    connection = await connect(['serve'], home);
  });

  after(async () => {
    await connection?.client.close();
  });

  test('lists the tools of every servlet under prefixed names', async () => {
    const { tools } = await connection.client.listTools();
    const names = tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['faulty__state', 'faulty__throws', 'faulty__trap', 'hello__add', 'hello__count', 'hello__greet']);
    for (const name of names) assert.match(name, /^[a-zA-Z0-9_-]{1,64}$/);
    const greet = tools.find((t) => t.name === 'hello__greet')!;
    assert.equal(greet.title, 'Greet');
    assert.deepEqual(greet.inputSchema.required, ['name']);
    const add = tools.find((t) => t.name === 'hello__add')!;
    assert.equal((add.outputSchema as { type: string }).type, 'object');
  });

  test('calls a tool with text content', async () => {
    const result = await connection.client.callTool({ name: 'hello__greet', arguments: { name: 'Ada', language: 'de' } });
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hallo, Ada!' }]);
    assert.ok(!result.isError);
  });

  test('calls a tool with structured content', async () => {
    const result = await connection.client.callTool({ name: 'hello__add', arguments: { a: 2, b: 40 } });
    assert.deepEqual(result.structuredContent, { sum: 42 });
  });

  test('reports invalid arguments as a tool error the model can read', async () => {
    const result = await connection.client.callTool({ name: 'hello__greet', arguments: { name: 7 } });
    assert.equal(result.isError, true);
    assert.match((result.content as { text: string }[])[0]!.text, /Invalid arguments for tool greet: name/);
  });

  test('lists and reads resources and templates', async () => {
    const { resources } = await connection.client.listResources();
    assert.deepEqual(resources.map((r) => r.uri), ['hello://readme']);
    const read = await connection.client.readResource({ uri: 'hello://readme' });
    assert.match((read.contents[0] as { text: string }).text, /# hello/);
    const { resourceTemplates } = await connection.client.listResourceTemplates();
    assert.deepEqual(resourceTemplates.map((t) => t.uriTemplate), ['hello://greeting/{language}']);
    const fromTemplate = await connection.client.readResource({ uri: 'hello://greeting/it' });
    assert.equal((fromTemplate.contents[0] as { text: string }).text, 'Ciao');
  });

  test('an unknown resource is a protocol error', async () => {
    await assert.rejects(connection.client.readResource({ uri: 'nowhere://x' }), /Resource not found/);
  });

  test('lists and gets a prompt, and completes its argument', async () => {
    const { prompts } = await connection.client.listPrompts();
    assert.deepEqual(prompts.map((p) => p.name), ['hello__welcome']);
    assert.deepEqual(prompts[0]!.arguments?.map((a) => [a.name, a.required]), [['name', true], ['language', false]]);
    const prompt = await connection.client.getPrompt({ name: 'hello__welcome', arguments: { name: 'Grace', language: 'fr' } });
    assert.equal(prompt.messages[0]!.role, 'user');
    assert.match((prompt.messages[0]!.content as { text: string }).text, /welcome message for Grace in the language "fr"/);
    const completion = await connection.client.complete({
      ref: { type: 'ref/prompt', name: 'hello__welcome' },
      argument: { name: 'language', value: 'e' },
    });
    assert.deepEqual(completion.completion.values, ['en', 'es']);
  });

  test('a servlet log message reaches the client as a log notification', async () => {
    await connection.client.callTool({ name: 'hello__greet', arguments: { name: 'Logger' } });
    for (let i = 0; i < 50 && !connection.logs.some((l) => String(l.data).includes('greeting Logger')); i++) await delay(20);
    const entry = connection.logs.find((l) => String(l.data).includes('greeting Logger'));
    assert.ok(entry, `no log notification; got ${JSON.stringify(connection.logs)}`);
    assert.equal(entry.level, 'info');
    assert.equal(entry.logger, 'hello');
  });

  test('a trapping tool yields an isError result, and its instance is replaced', async () => {
    const before = await connection.client.callTool({ name: 'faulty__state', arguments: {} });
    assert.deepEqual(before.content, [{ type: 'text', text: 'calls: 1' }]);
    const trapped = await connection.client.callTool({ name: 'faulty__trap', arguments: {} });
    assert.equal(trapped.isError, true);
    assert.match((trapped.content as { text: string }[])[0]!.text, /Tool faulty__trap failed: servlet "faulty" stopped abnormally/);
    const after = await connection.client.callTool({ name: 'faulty__state', arguments: {} });
    assert.deepEqual(after.content, [{ type: 'text', text: 'calls: 1' }], 'a fresh instance starts counting again');
  });

  test('a tool that throws yields an isError result with its message', async () => {
    const result = await connection.client.callTool({ name: 'faulty__throws', arguments: {} });
    assert.equal(result.isError, true);
    assert.deepEqual(result.content, [{ type: 'text', text: 'this tool always fails' }]);
  });

  test('an unknown tool is a protocol error, and the server keeps serving', async () => {
    await assert.rejects(connection.client.callTool({ name: 'hello__nope', arguments: {} }), /Unknown tool: hello__nope/);
    const result = await connection.client.callTool({ name: 'hello__greet', arguments: { name: 'still here' } });
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, still here!' }]);
  });

  test('progress notifications reach the client, before the result', async () => {
    // Observed on the wire: the SDK client dispatches notifications a microtask after responses,
    // so its onprogress callback may miss progress that arrives in the same read as the result.
    const received: { method?: string; params?: { progressToken?: unknown; progress?: number }; id?: unknown }[] = [];
    const transport = connection.transport;
    const deliver = transport.onmessage!;
    transport.onmessage = (message) => {
      received.push(message as (typeof received)[number]);
      deliver(message);
    };
    try {
      const result = await connection.client.callTool({ name: 'hello__count', arguments: { n: 3 } }, { onprogress: () => {} });
      assert.deepEqual(result.content, [{ type: 'text', text: 'counted to 3' }]);
    } finally {
      transport.onmessage = deliver;
    }
    const progress = received.filter((m) => m.method === 'notifications/progress').map((m) => m.params!.progress);
    assert.deepEqual(progress, [1, 2, 3]);
    const responseAt = received.findIndex((m) => m.id !== undefined && m.method === undefined);
    const lastProgressAt = received.findLastIndex((m) => m.method === 'notifications/progress');
    assert.ok(lastProgressAt < responseAt, 'every progress notification precedes the result');
  });

  test('nothing but MCP reached stdout: the client saw no parse errors', () => {
    assert.doesNotMatch(connection.stderr(), /internal error/);
  });
});

describe('mcp-wasm serve lifecycle', () => {
  test('exits cleanly when the client closes stdin', async () => {
    const connection = await connect(['serve'], temporaryHome());
    const pid = connection.transport.pid!;
    await connection.client.close();
    for (let i = 0; i < 100 && isAlive(pid); i++) await delay(50);
    assert.equal(isAlive(pid), false, 'the server process is gone');
  });

  test('exits cleanly on SIGTERM', async () => {
    const connection = await connect(['serve'], temporaryHome());
    const pid = connection.transport.pid!;
    process.kill(pid, 'SIGTERM');
    for (let i = 0; i < 100 && isAlive(pid); i++) await delay(50);
    assert.equal(isAlive(pid), false, 'the server process is gone');
    await connection.client.close();
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
