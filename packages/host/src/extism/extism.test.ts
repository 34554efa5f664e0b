/**
 * The Extism host with real plugins (WAT fixtures compiled by wabt), through `loadServlet` and
 * instances on this thread: input and output, config granted and not, vars, logging, `error_set`,
 * the memory limits (linear and kernel), and both servlet interfaces.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pluginBytes } from '../../../../test/fixtures/extism/build.js';
import { emptyCapabilities, type CapabilityContext, type Denial } from '../capabilities/context.js';
import { HostError } from '../errors.js';
import { checkComponent, loadServlet } from '../servlet/load.js';
import { ServletError, ServletTrap, type Servlet } from '../servlet/servlet.js';
import type { LogLevel } from '../wasi/log-sink.js';

interface Loaded {
  servlet: Servlet;
  logs: [LogLevel, string][];
  denials: Denial[];
}

async function load(name: string, grant: (base: CapabilityContext) => CapabilityContext = (base) => base, options: { manifest?: object; memoryMb?: number } = {}): Promise<Loaded> {
  const logs: [LogLevel, string][] = [];
  const denials: Denial[] = [];
  const base = emptyCapabilities(name, (denial) => denials.push(denial));
  const servlet = await loadServlet({
    name,
    bytes: await pluginBytes(name, { manifest: options.manifest }),
    log: (level, message) => logs.push([level, message]),
    capabilities: () => grant(base),
    limits: options.memoryMb ? { memoryMb: options.memoryMb } : {},
  });
  return { servlet, logs, denials };
}

const text = (result: { content: { tag: string; val: unknown }[] }) => result.content.map((block) => (block.val as { text: string }).text).join('');

test('an mcp.run v0 plugin: describe lists its tools, call answers through input and output', async () => {
  const { servlet } = await load('mcp-run-v0');
  const tools = await servlet.listTools();
  assert.deepEqual(tools.slice(0, 2).map((tool) => tool.name), ['config', 'vars']);
  assert.equal(tools[4]!.inputSchema, JSON.stringify({ type: 'object', properties: { url: { type: 'string' } } }));
  assert.equal(text(await servlet.callTool('ping', '{}')), 'pong');
  await servlet.close();
});

test('the check finds the interface and infers the requests of a plugin without a manifest', async () => {
  const checked = await checkComponent(await pluginBytes('mcp-run-v0'), 'v0.wasm');
  assert.equal(checked.kind, 'extism');
  assert.equal(checked.plugin?.interface, 'mcp-run-v0');
  assert.equal(checked.manifestSource, 'inferred');
  assert.deepEqual(checked.manifest.undeclared, { network: true, config: true });
  assert.deepEqual(checked.manifest.capabilities, {});
});

test('config: a granted key is read, an ungranted one is none and audited', async () => {
  const granted = await load('mcp-run-v0', (base) => ({ ...base, config: { values: new Map([['greeting', 'hello there']]), secretKeys: new Set() } }));
  assert.equal(text(await granted.servlet.callTool('config', '{}')), 'hello there');
  assert.deepEqual(granted.denials, []);
  const refused = await load('mcp-run-v0');
  assert.equal(text(await refused.servlet.callTool('config', '{}')), 'none');
  assert.deepEqual(refused.denials, [{ capability: 'config', detail: 'config key "greeting", which is not granted' }]);
  await Promise.all([granted.servlet.close(), refused.servlet.close()]);
});

test('vars live as long as the instance, one per session', async () => {
  const { servlet } = await load('mcp-run-v0');
  assert.equal(text(await servlet.callTool('vars', '{}')), 'count=1');
  assert.equal(text(await servlet.callTool('vars', '{}')), 'count=2');
  assert.equal(text(await servlet.callTool('vars', '{}', { session: 'other' })), 'count=1');
  await servlet.close();
});

test('log_info and log_warn reach the servlet log', async () => {
  const { servlet, logs } = await load('mcp-run-v0');
  assert.equal(text(await servlet.callTool('log', '{}')), 'logged');
  assert.deepEqual(logs, [
    ['info', 'hello from the plugin'],
    ['warning', 'careful'],
  ]);
  await servlet.close();
});

test('WASI stdout printed without a final newline reaches the log when the call ends, and at proc_exit', async () => {
  const { servlet, logs } = await load('wasi-stdout');
  assert.equal(text(await servlet.callTool('print', '{}')), 'printed');
  assert.deepEqual(logs, [['info', 'no newline at the end']]);
  assert.equal(text(await servlet.callTool('exit', '{}')), 'printed');
  assert.deepEqual(logs.slice(1), [['info', 'last words before exit']]);
  await servlet.close();
});

test('error_set fails the call with the plugin message; the instance serves on', async () => {
  const { servlet } = await load('mcp-run-v0');
  await assert.rejects(servlet.callTool('error', '{}'), (error: unknown) => error instanceof ServletError && error.message === 'the plugin failed on purpose');
  assert.equal(text(await servlet.callTool('vars', '{}')), 'count=1');
  assert.equal(servlet.instancesCreated, 1);
  await servlet.close();
});

test('http_request with nothing granted: refused before any I/O, and audited', async () => {
  const { servlet, denials } = await load('mcp-run-v0');
  await assert.rejects(servlet.callTool('fetch', JSON.stringify({ url: 'http://127.0.0.1:9/x' })), (error: unknown) => error instanceof ServletTrap && /HTTP request to http:\/\/127\.0\.0\.1:9 is not allowed/.test(error.message));
  assert.deepEqual(denials, [{ capability: 'network', detail: 'GET http://127.0.0.1:9/x' }]);
  await servlet.close();
});

test('memory: growing past the cap ends the instance with the memory limit', async () => {
  const { servlet } = await load('mcp-run-v0', undefined, { memoryMb: 8 });
  await assert.rejects(servlet.callTool('grow', '{}'), (error: unknown) => error instanceof ServletTrap && /ran out of memory: it reached its memory limit of 8 MiB/.test(error.message));
  assert.equal(text(await servlet.callTool('ping', '{}')), 'pong', 'a fresh instance serves the next call');
  await servlet.close();
});

test('kernel memory: a huge alloc ends the instance with the memory limit, host memory untouched', async () => {
  const { servlet } = await load('mcp-run-v0');
  await assert.rejects(servlet.callTool('huge', '{}'), (error: unknown) => error instanceof ServletTrap && /ran out of memory/.test(error.message));
  await servlet.close();
});

test('a hyper-mcp v2 plugin: tools, prompts and resources', async () => {
  const { servlet } = await load('hyper-mcp-v2', undefined, { manifest: { capabilities: { sampling: { purpose: 'asks the model' } } } });
  assert.deepEqual((await servlet.listTools()).map((tool) => tool.name), ['ask', 'work', 'ping']);
  assert.equal(text(await servlet.callTool('ping', '{}')), 'pong');
  const prompts = await servlet.listPrompts(undefined);
  assert.deepEqual(prompts.prompts.map((prompt) => [prompt.name, prompt.arguments]), [['greeting', [{ name: 'who', required: false, title: undefined, description: undefined }]]]);
  const prompt = await servlet.getPrompt('greeting', [{ name: 'who', value: 'you' }]);
  assert.deepEqual(prompt.messages, [{ role: 'user', content: { tag: 'text', val: { text: 'Say hello', annotations: undefined } } }]);
  assert.deepEqual((await servlet.listResources(undefined)).resources.map((resource) => resource.uri), ['mem://readme']);
  assert.deepEqual(await servlet.readResource('mem://readme'), [{ tag: 'text', val: { uri: 'mem://readme', mimeType: 'text/plain', text: 'read me first' } }]);
  assert.deepEqual((await servlet.listResourceTemplates(undefined)).templates, []);
  await servlet.close();
});

test('v2 progress reaches the call in progress', async () => {
  const { servlet } = await load('hyper-mcp-v2', undefined, { manifest: { capabilities: { sampling: { purpose: 'asks the model' } } } });
  const progress: unknown[] = [];
  assert.equal(text(await servlet.callTool('work', '{}', { onProgress: (...args) => progress.push(args) })), 'done');
  assert.deepEqual(progress, [[1, 2, 'half way']]);
  await servlet.close();
});

test('v2 sampling not granted: the call fails naming how to grant it, and it is audited', async () => {
  const { servlet, denials } = await load('hyper-mcp-v2', undefined, { manifest: { capabilities: { sampling: { purpose: 'asks the model' } } } });
  await assert.rejects(servlet.callTool('ask', '{}'), (error: unknown) => error instanceof ServletTrap && /sampling is not granted to this servlet/.test(error.message));
  assert.deepEqual(denials, [{ capability: 'sampling', detail: 'sampling request' }]);
  await servlet.close();
});

test('a manifest that omits what the plugin imports is refused', async () => {
  const bytes = await pluginBytes('hyper-mcp-v2', { manifest: { capabilities: {} } });
  await assert.rejects(checkComponent(bytes, 'v2.wasm'), (error: unknown) => error instanceof HostError && error.code === 'undeclared-import' && /create_message/.test(error.message));
});

test('a core module that is not an Extism plugin, or imports what the host lacks, is refused', async () => {
  const plain = await pluginBytes('plain', { source: '(module (func (export "run")))' });
  await assert.rejects(checkComponent(plain, 'plain.wasm'), (error: unknown) => error instanceof HostError && /not an Extism plugin/.test(error.message));
  const wrong = await pluginBytes('wrong', { source: '(module (import "extism:host/env" "alloc" (func (param i32) (result i32))) (func (export "call") (result i32) (i32.const 0)) (func (export "describe") (result i32) (i32.const 0)))' });
  await assert.rejects(checkComponent(wrong, 'wrong.wasm'), (error: unknown) => error instanceof HostError && /imports `extism:host\/env#alloc` as \(I32->I32\), but the host provides \(I64->I64\)/.test(error.message));
  const sockets = await pluginBytes('sockets', { source: '(module (import "extism:host/env" "alloc" (func (param i64) (result i64))) (import "env" "socket" (func)) (func (export "call") (result i32) (i32.const 0)) (func (export "describe") (result i32) (i32.const 0)))' });
  await assert.rejects(checkComponent(sockets, 's.wasm'), (error: unknown) => error instanceof HostError && error.code === 'unknown-import');
});
