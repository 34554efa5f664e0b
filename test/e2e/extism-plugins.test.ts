/**
 * Extism plugins end to end, through the real CLI and `mcp-wasm serve` with the official MCP client:
 * install (the page names the interface and the undeclared requests), tools, config, HTTP against a
 * real loopback server (granted and not), the time limit, and hyper-mcp v2 prompts, resources,
 * sampling and progress reaching the client. Instances run in the Node worker, as in production.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pluginFile } from '../fixtures/extism/build.js';
import { runCli, temporaryHome } from '../support/cli.js';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import { connect } from '../support/mcp-client.js';

const text = (result: { content?: unknown }) => ((result.content ?? []) as { text?: string }[]).map((block) => block.text ?? '').join('');

describe('Extism plugins through the CLI', () => {
  let servers: TestServers;
  let granted: string;
  before(async () => {
    servers = await startTestServers({ granted: 0, other: 0 });
    granted = `http://127.0.0.1:${servers.port('granted')}`;
  });
  after(() => servers.close());

  test('a plugin without a manifest: the page shows its interface and undeclared requests; --yes grants none of them', async () => {
    const home = temporaryHome();
    const file = await pluginFile('mcp-run-v0', { file: 'plug.wasm' });
    const result = runCli(['install', file, '--yes'], { home });
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /format: {4}Extism plugin \(mcp\.run v0\)/);
    assert.match(result.stdout, /manifest: {2}NONE from the publisher/);
    assert.match(result.stdout, /send HTTP requests — UNDECLARED by the publisher: no origin is granted unless you name it with --allow-host/);
    assert.match(result.stdout, /granted: nothing/);
    const call = runCli(['call', 'plug', 'fetch', JSON.stringify({ url: `${granted}/hello` })], { home });
    assert.notEqual(call.status, 0);
    assert.match(call.stderr + call.stdout, /is not allowed/);
    const info = runCli(['info', 'plug'], { home });
    assert.match(info.stdout, /Extism plugin \(mcp\.run v0\)/);
  });

  test('a named origin is granted: the plugin reaches it through the host network path; others are refused and audited', async () => {
    const home = temporaryHome();
    const file = await pluginFile('mcp-run-v0', { file: 'fetcher.wasm' });
    assert.equal(runCli(['install', file, '--allow-host', granted], { home }).status, 0);
    const { client, transport } = await connect(['serve'], home);
    try {
      const ok = await client.callTool({ name: 'fetcher__fetch', arguments: { url: `${granted}/hello` } });
      assert.equal(text(ok), '200 hello from granted');
      const other = `http://127.0.0.1:${servers.port('other')}`;
      const refused = await client.callTool({ name: 'fetcher__fetch', arguments: { url: `${other}/hello` } });
      assert.equal(refused.isError, true);
      assert.match(text(refused), /HTTP request to http:\/\/127\.0\.0\.1:\d+ is not allowed/);
      assert.ok(!(await servers.received()).some((request) => request.server === 'other'), 'the refused request never left the host');
      assert.equal(text(await client.callTool({ name: 'fetcher__ping', arguments: {} })), 'pong');
    } finally {
      await transport.close();
    }
  });

  test('a declared manifest: config with its default, and the time limit ends a spinning plugin', async () => {
    const home = temporaryHome();
    const manifest = {
      capabilities: { network: [{ origin: granted, purpose: 'fetches' }], config: [{ key: 'greeting', purpose: 'says it', default: 'hi from config' }] },
      limits: { timeoutMs: 1500 },
    };
    const file = await pluginFile('mcp-run-v0', { manifest, file: 'declared.wasm' });
    const install = runCli(['install', file, '--yes'], { home });
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /embedded in the component/);
    const { client, transport } = await connect(['serve'], home);
    try {
      assert.equal(text(await client.callTool({ name: 'declared__config', arguments: {} })), 'hi from config');
      const started = Date.now();
      const spun = await client.callTool({ name: 'declared__spin', arguments: {} });
      assert.equal(spun.isError, true);
      assert.match(text(spun), /exceeded its time limit of 1500 ms/);
      assert.ok(Date.now() - started < 10_000);
      assert.equal(text(await client.callTool({ name: 'declared__ping', arguments: {} })), 'pong');
    } finally {
      await transport.close();
    }
  });

  test('hyper-mcp v2: prompts and resources reach the client; granted sampling asks it; progress arrives', async () => {
    const home = temporaryHome();
    const file = await pluginFile('hyper-mcp-v2', { manifest: { capabilities: { sampling: { purpose: 'asks the model' } } }, file: 'hyper.wasm' });
    const install = runCli(['install', file, '--yes'], { home });
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /Extism plugin \(hyper-mcp v2\)/);
    const asked: unknown[] = [];
    const { client, transport } = await connect(
      ['serve'],
      home,
      (client) =>
        client.setRequestHandler('sampling/createMessage', async (request) => {
          asked.push(request.params.messages[0]?.content);
          return { role: 'assistant', content: { type: 'text', text: 'hi!' }, model: 'test-model' };
        }),
      { sampling: {} },
    );
    try {
      const prompts = await client.listPrompts();
      assert.deepEqual(prompts.prompts.map((prompt) => prompt.name), ['hyper__greeting']);
      const prompt = await client.getPrompt({ name: 'hyper__greeting', arguments: { who: 'you' } });
      assert.deepEqual(prompt.messages, [{ role: 'user', content: { type: 'text', text: 'Say hello' } }]);
      const resources = await client.listResources();
      assert.equal(resources.resources.length, 1);
      const read = await client.readResource({ uri: resources.resources[0]!.uri });
      assert.equal((read.contents[0] as { text: string }).text, 'read me first');
      const sampled = await client.callTool({ name: 'hyper__ask', arguments: {} });
      assert.equal(text(sampled), 'sampled');
      assert.deepEqual(sampled.structuredContent, { role: 'assistant', content: { type: 'text', text: 'hi!' }, model: 'test-model' });
      assert.deepEqual(asked, [{ type: 'text', text: 'say hi' }]);
      // Watched on the wire: the SDK client may dispatch progress after a result read in the same chunk.
      const progress: unknown[] = [];
      const deliver = transport.onmessage!;
      transport.onmessage = (message) => {
        const m = message as { method?: string; params?: { progress?: number; total?: number; message?: string } };
        if (m.method === 'notifications/progress') progress.push([m.params!.progress, m.params!.total, m.params!.message]);
        deliver(message);
      };
      const worked = await client.callTool({ name: 'hyper__work', arguments: {} }, { onprogress: () => {} });
      transport.onmessage = deliver;
      assert.equal(text(worked), 'done');
      assert.deepEqual(progress, [[1, 2, 'half way']]);
    } finally {
      await transport.close();
    }
  });
});
