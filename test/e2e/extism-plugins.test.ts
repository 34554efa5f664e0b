/**
 * Extism plugins end to end, through the real CLI and `mcp-wasm serve` with the official MCP client:
 * install (the page names the interface and the undeclared requests), tools, config, HTTP against a
 * real loopback server (granted and not), the time limit, and hyper-mcp v2 prompts, resources,
 * sampling and progress reaching the client. Instances run in the Node worker, as in production.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MANIFEST_SECTION } from '@mcp-wasm/host';
import { extismPdkPluginFile, pluginFile } from '../fixtures/extism/build.js';
import { atTerminal, runCli, temporaryHome } from '../support/cli.js';
import { withCustomSection, withoutCustomSection } from '../support/component-bytes.js';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import { connect } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

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
      // http_headers: the last response's headers, as a JSON object of lowercase names.
      const headers = await client.callTool({ name: 'fetcher__response_headers', arguments: { url: `${granted}/echo` } });
      assert.equal(headers.isError, undefined, text(headers));
      assert.equal((headers.structuredContent as Record<string, string>)['content-type'], 'application/json');
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
      const spun = await client.callTool({ name: 'declared__spin', arguments: {} });
      assert.equal(spun.isError, true);
      assert.match(text(spun), /exceeded its time limit of 1500 ms/);
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

describe('hyper-mcp v2: completion and elicitation', () => {
  const manifest = { capabilities: { elicitation: { purpose: 'asks your name' } } };

  /** A serve of `home` whose client answers elicitation as a person would, recording each question. */
  async function serveAnswering(home: string, asked: string[]) {
    return connect(
      ['serve'],
      home,
      (client) =>
        client.setRequestHandler('elicitation/create', async (request) => {
          asked.push(request.params.message);
          return { action: 'accept', content: { name: 'Ada' } };
        }),
      { elicitation: { form: {} } },
    );
  }

  test('`complete` completes a prompt argument from what was typed; granted elicitation is answered by the client', async () => {
    const home = temporaryHome();
    const file = await pluginFile('hyper-mcp-v2-client', { manifest, file: 'asker.wasm' });
    const install = runCli(['install', file, '--yes'], { home });
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /ask you questions through your MCP client \(elicitation\) — "asks your name"/);
    const asked: string[] = [];
    const { client, transport } = await serveAnswering(home, asked);
    try {
      const ref = { type: 'ref/prompt', name: 'asker__greeting' } as const;
      const some = await client.complete({ ref, argument: { name: 'who', value: 'G' } });
      assert.deepEqual(some.completion, { values: ['Grace'], total: 1, hasMore: false });
      const all = await client.complete({ ref, argument: { name: 'who', value: 'A' } });
      assert.deepEqual(all.completion, { values: ['Ada', 'Alan', 'Grace'], total: 3, hasMore: false });

      const elicited = await client.callTool({ name: 'asker__elicit', arguments: {} });
      assert.equal(text(elicited), 'elicited');
      assert.deepEqual(elicited.structuredContent, { action: 'accept', content: { name: 'Ada' } });
      assert.deepEqual(asked, ['What is your name?']);
    } finally {
      await transport.close();
    }
  });

  test('elicitation not granted: refused with the reason, audited, and the client is never asked', async () => {
    const home = temporaryHome();
    const file = await pluginFile('hyper-mcp-v2-client', { manifest, file: 'asker.wasm' });
    assert.equal(runCli(['install', file, '--yes', '--deny', 'elicitation'], { home }).status, 0);
    const asked: string[] = [];
    const { client, transport } = await serveAnswering(home, asked);
    try {
      const refused = await client.callTool({ name: 'asker__elicit', arguments: {} });
      assert.equal(refused.isError, true);
      assert.match(text(refused), /elicitation is not granted to this servlet; the person can grant it with `mcp-wasm grant <servlet> --allow elicitation`/);
      assert.deepEqual(asked, [], 'the client was not asked');
      assert.equal(text(await client.callTool({ name: 'asker__ping', arguments: {} })), 'pong');
    } finally {
      await transport.close();
    }
    const denied = readFileSync(join(home, 'audit.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; servlet: string; capability?: string; detail?: string })
      .filter((line) => line.type === 'denied');
    assert.deepEqual(denied.map((line) => [line.servlet, line.capability, line.detail]), [['asker', 'elicitation', 'elicitation request']]);
  });
});

describe("a plugin built with Extism's own AssemblyScript PDK", () => {
  test('runs unchanged: its Extism manifest maps config, vars live for the session', async () => {
    const home = temporaryHome();
    const file = await extismPdkPluginFile();
    const manifest = join(mkdtempSync(join(tmpdir(), 'mcp-wasm-pdk-')), 'extism-manifest.json');
    writeFileSync(manifest, JSON.stringify({ wasm: [{ path: 'plugin.wasm' }], config: { greeting: 'Hello' } }));
    const install = runCli(['install', file, '--name', 'pdk', '--manifest', manifest, '--yes'], { home });
    assert.equal(install.status, 0, install.stderr);
    assert.match(install.stdout, /format: {4}Extism plugin \(mcp\.run v0\)/);
    assert.match(install.stdout, /read the setting greeting \(default "Hello"\)/);
    const { client, transport } = await connect(['serve'], home);
    try {
      assert.deepEqual((await client.listTools()).tools.map((tool) => tool.name), ['pdk__greet', 'pdk__count']);
      assert.equal(text(await client.callTool({ name: 'pdk__greet', arguments: {} })), 'Hello from the Extism AS PDK');
      assert.equal(text(await client.callTool({ name: 'pdk__count', arguments: {} })), 'count=1');
      assert.equal(text(await client.callTool({ name: 'pdk__count', arguments: {} })), 'count=2');
    } finally {
      await transport.close();
    }
  });
});

describe('undeclared requests: a plugin without a manifest that imports the network and files', () => {
  let servers: TestServers;
  let granted: string;
  let other: string;
  /** c-probe (C, mcp.run v0) without its embedded manifest, so its requests are inferred; and two later versions. */
  const files: Record<'v1' | 'v2' | 'v3', string> = { v1: '', v2: '', v3: '' };
  let data: string;

  before(async () => {
    servers = await startTestServers({ granted: 0, other: 0 });
    granted = `http://127.0.0.1:${servers.port('granted')}`;
    other = `http://127.0.0.1:${servers.port('other')}`;
    const bare = withoutCustomSection(readFileSync(await builtServlet('c-probe')), MANIFEST_SECTION);
    const dir = mkdtempSync(join(tmpdir(), 'mcp-wasm-undeclared-'));
    for (const version of ['v1', 'v2', 'v3'] as const) {
      files[version] = join(dir, `probe-${version}.wasm`);
      writeFileSync(files[version], version === 'v1' ? bare : withCustomSection(bare, 'version', version));
    }
    data = join(dir, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'note.txt'), 'a note\n');
  });
  after(() => servers.close());

  const state = (home: string) => JSON.parse(readFileSync(join(home, 'state.json'), 'utf8')).servlets.probe;
  /** Recorded mounts without the identity of their directory (checked to be there). */
  const withoutIdentity = (mounts: { identity?: unknown }[]) =>
    mounts.map(({ identity, ...mount }) => {
      assert.ok(identity, 'the identity of the directory is recorded');
      return mount;
    });
  const call = (home: string, tool: string, args: object) => runCli(['call', 'probe', tool, JSON.stringify(args)], { home });

  test('at a terminal the person types the origins and mounts they allow; bad entries are refused, not granted', async () => {
    const home = temporaryHome();
    const output = await atTerminal(['install', files.v1, '--name', 'probe'], home, [
      'ftp://nope.example',
      granted,
      '',
      '/no/such/directory:/data',
      `${data}:relative`,
      `${data}:/data`,
      '',
      'y',
    ]);
    assert.match(output, /It may send HTTP requests, undeclared by its publisher: name each origin you allow/);
    assert.match(output, /Origin to allow, empty when done:/);
    assert.match(output, /It may read or write files, undeclared by its publisher: name each directory you show it as HOST:GUEST/);
    assert.match(output, /cannot mount \/no\/such\/directory: it does not exist\. Create the directory, or give another one/);
    assert.match(output, /write HOST_DIR:GUEST_PATH/);
    assert.match(output, new RegExp(`probe will be allowed: read ${data} as /data; HTTP requests to ${granted}`));
    const grants = state(home).grants;
    assert.deepEqual(grants.network, [granted]);
    assert.deepEqual(withoutIdentity(grants.mounts), [{ host: data, guest: '/data', access: 'read-only' }], 'an undeclared mount is read-only unless :rw');

    const read = call(home, 'read_file', { path: '/data/note.txt' });
    assert.equal(read.stdout.trim(), 'a note', read.stderr);
    assert.equal(call(home, 'fetch', { url: `${granted}/hello` }).stdout.trim(), '200 hello from granted');
    const refused = call(home, 'fetch', { url: `${other}/hello` });
    assert.notEqual(refused.status, 0);
    assert.match(refused.stdout + refused.stderr, /is not allowed/);
  });

  test('answering nothing grants nothing', async () => {
    const home = temporaryHome();
    const output = await atTerminal(['install', files.v1, '--name', 'probe'], home, ['', '', 'y']);
    assert.match(output, /probe will be allowed: nothing/);
    assert.deepEqual(state(home).grants.network, []);
    assert.deepEqual(state(home).grants.mounts, []);
  });

  test('`mcp-wasm grant` names undeclared origins and mounts; --allow network is refused with how to name one', () => {
    const home = temporaryHome();
    assert.equal(runCli(['install', files.v1, '--name', 'probe', '--yes'], { home }).status, 0);
    assert.notEqual(call(home, 'fetch', { url: `${granted}/hello` }).status, 0);
    const vague = runCli(['grant', 'probe', '--allow', 'network'], { home });
    assert.notEqual(vague.status, 0);
    assert.match(vague.stderr, /undeclared by the publisher and name no origin: name each one with --allow-host ORIGIN/);
    const vagueFiles = runCli(['grant', 'probe', '--allow', 'filesystem'], { home });
    assert.match(vagueFiles.stderr, /name each one with --mount HOST:GUEST/);

    const host = runCli(['grant', 'probe', '--allow-host', granted], { home });
    assert.equal(host.status, 0, host.stderr);
    assert.match(host.stdout, new RegExp(`probe may now use: HTTP requests to ${granted}`));
    assert.equal(call(home, 'fetch', { url: `${granted}/hello` }).stdout.trim(), '200 hello from granted');
    const mount = runCli(['grant', 'probe', '--mount', `${data}:/data`], { home });
    assert.equal(mount.status, 0, mount.stderr);
    assert.equal(call(home, 'read_file', { path: '/data/note.txt' }).stdout.trim(), 'a note');
  });

  test('`mcp-wasm update` says the requests are inferred, keeps what the person named with --yes, and asks again at a terminal', async () => {
    const home = temporaryHome();
    assert.equal(runCli(['install', files.v1, '--name', 'probe', '--allow-host', granted, '--mount', `${data}:/data`], { home }).status, 0);

    const update = runCli(['update', 'probe', files.v2, '--yes'], { home });
    assert.equal(update.status, 0, update.stderr);
    assert.match(update.stdout, /manifest: NONE from the publisher: its requests are inferred from what the binary imports \(undeclared\)/);
    assert.match(update.stdout, /capabilities: unchanged/);
    assert.doesNotMatch(update.stdout, /manifest: none/);
    assert.match(update.stdout, new RegExp(`granted: read ${data} as /data; HTTP requests to ${granted}`));
    assert.equal(call(home, 'fetch', { url: `${granted}/hello` }).stdout.trim(), '200 hello from granted');

    // At a terminal: drop the old origin, name another, keep the mount, confirm.
    const output = await atTerminal(['update', 'probe', files.v3], home, ['n', other, '', 'y', '', 'y']);
    assert.match(output, new RegExp(`Keep allowing HTTP requests to ${granted}\\?`));
    assert.match(output, new RegExp(`Keep showing ${data} as /data \\(read-only\\)\\?`));
    const grants = state(home).grants;
    assert.deepEqual(grants.network, [other]);
    assert.deepEqual(withoutIdentity(grants.mounts), [{ host: data, guest: '/data', access: 'read-only' }]);
  });
});
