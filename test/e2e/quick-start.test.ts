/**
 * The README's first command, `npm start`: builds the first-party servlets and their catalog,
 * installs every one of them from the catalog with demo-safe grants (filesystem: only a demo
 * directory; fetch: three public hosts), prints client configurations, and serves over stdio, to
 * the official SDK client.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, temporaryHome } from '../support/cli.js';
import { ROOT } from '../support/servlets.js';

test('npm start serves the first-party servlets over stdio', async () => {
  const home = temporaryHome();
  const transport = new StdioClientTransport({
    command: 'npm',
    args: ['start'],
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

    // Every first-party servlet with sources is installed from the catalog, with demo-safe grants.
    const firstParty = readdirSync(join(ROOT, 'servlets')).filter((name) => existsSync(join(ROOT, 'servlets', name, 'src'))).sort();
    const installed = JSON.parse(runCli(['list', '--json'], { home }).stdout) as { name: string; source: string; grants: { mounts: { host: string; guest: string }[]; network: string[]; storage: boolean } }[];
    assert.deepEqual(installed.map((s) => s.name).sort(), firstParty);
    for (const servlet of installed) assert.match(servlet.source, new RegExp(`^catalog:${servlet.name} `));
    const byName = Object.fromEntries(installed.map((s) => [s.name, s.grants]));
    if (byName.filesystem) {
      assert.deepEqual(byName.filesystem.mounts.map((m) => [m.host, m.guest]), [[join(home, 'demo'), '/data']], 'only the demo directory');
      assert.ok(existsSync(join(home, 'demo', 'README.md')));
    }
    if (byName.fetch) assert.deepEqual(byName.fetch.network, ['https://example.com', 'https://en.wikipedia.org', 'https://developer.mozilla.org']);
    if (byName.memory) assert.equal(byName.memory.storage, true);
    for (const name of firstParty) assert.ok(tools.some((t) => t.name.startsWith(`${name}__`)), `${name} offers its tools`);
  } finally {
    await client.close();
  }
});
