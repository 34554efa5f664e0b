/**
 * The README's first command, `npm start`: builds the first-party servlets and their catalog,
 * installs every one of them from the catalog with demo-safe grants (filesystem: only a demo
 * directory; fetch: three public hosts), and serves them over Streamable HTTP on localhost,
 * printing the URL, the bearer token and client configurations; `npm start -- --stdio` serves over
 * stdio instead. Both to the official SDK client.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, temporaryHome } from '../support/cli.js';
import { httpClient } from '../support/http-serve.js';
import { ROOT } from '../support/servlets.js';

test('npm start serves the first-party servlets over HTTP on localhost, with the token', async () => {
  const home = temporaryHome();
  // --port 0: the default port may be taken on a shared machine; the printed URL says which was chosen.
  const child = spawn('npm', ['start', '--', '--port', '0'], { cwd: ROOT, env: { ...process.env, MCP_WASM_HOME: home }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`npm start did not serve: ${stderr}`)), 240_000);
      child.stderr.on('data', () => {
        if (stderr.includes('Serving until Ctrl-C')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`npm start exited with ${code}: ${stderr}`)));
    });
    const url = new URL(/over Streamable HTTP at (http:\/\/127\.0\.0\.1:\d+\/mcp)/.exec(stderr)![1]!);
    const token = /Bearer token[^\n]*\n\s+(\S+)/.exec(stderr)![1]!;
    assert.ok(stderr.includes(`"Authorization": "Bearer ${token}"`), 'ready-to-paste configurations carry the token');
    assert.match(stderr, /npm start -- --stdio/, 'stdio is one flag away');
    const { client } = await httpClient(url, `Bearer ${token}`);
    try {
      const result = await client.callTool({ name: 'hello__greet', arguments: { name: 'quick start' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, quick start!' }]);
      const { tools } = await client.listTools();
      assertDemoInstall(home, tools.map((tool) => tool.name));
    } finally {
      await client.close();
    }
  } finally {
    if (child.exitCode === null) {
      process.kill(-child.pid!, 'SIGTERM'); // npm and the node process it started
      await exited;
    }
  }
});

test('npm start -- --stdio serves the first-party servlets over stdio', async () => {
  const home = temporaryHome();
  const transport = new StdioClientTransport({
    command: 'npm',
    args: ['start', '--', '--stdio'],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), MCP_WASM_HOME: home },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'quick-start-test', version: '1.0.0' });
  await client.connect(transport);
  try {
    const { tools } = await client.listTools();
    assert.ok(tools.some((t) => t.name === 'hello__greet'), JSON.stringify(tools.map((t) => t.name)));
    const result = await client.callTool({ name: 'hello__greet', arguments: { name: 'quick start' } });
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, quick start!' }]);
    assert.match(stderr, /"mcpServers"/, 'the Claude Desktop configuration was printed');
    assert.match(stderr, /MCP_WASM_HOME/);
  } finally {
    await client.close();
  }
});

/** Every first-party servlet with sources is installed from the catalog, with demo-safe grants, and offers its tools. */
function assertDemoInstall(home: string, toolNames: string[]): void {
  const firstParty = readdirSync(join(ROOT, 'servlets')).filter((name) => existsSync(join(ROOT, 'servlets', name, 'src'))).sort();
  const installed = JSON.parse(runCli(['list', '--json'], { home }).stdout) as { name: string; source: string; grants: { mounts: { host: string; guest: string }[]; network: string[]; storage: boolean } }[];
  assert.deepEqual(installed.map((s) => s.name).sort(), firstParty);
  for (const servlet of installed) assert.match(servlet.source, new RegExp(`^catalog:${servlet.name} `));
  const byName = Object.fromEntries(installed.map((s) => [s.name, s.grants]));
  if (byName.filesystem) {
    assert.deepEqual(byName.filesystem.mounts.map((m) => [m.host, m.guest]), [[realpathSync(`${home}-demo`), '/data']], 'only the demo directory, beside the home');
    assert.ok(existsSync(join(`${home}-demo`, 'README.md')));
  }
  if (byName.fetch) assert.deepEqual(byName.fetch.network, ['https://example.com', 'https://en.wikipedia.org', 'https://developer.mozilla.org']);
  if (byName.memory) assert.equal(byName.memory.storage, true);
  for (const name of firstParty) assert.ok(toolNames.some((tool) => tool.startsWith(`${name}__`)), `${name} offers its tools`);
}
