/**
 * The README's first command, `npm start`: builds and installs the first-party servlets into a
 * home, prints client configurations, and serves over stdio, to the official SDK client.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { temporaryHome } from '../support/cli.js';
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
  } finally {
    await client.close();
  }
});
