/** Connects the official MCP SDK client to a real `mcp-wasm` child process over stdio. */
import { Client, type ClientOptions } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { CLI } from './cli.js';
import { ROOT } from './servlets.js';

/** A connected client, the log notifications it received, and the server's stderr. */
export interface Connection {
  client: Client;
  transport: StdioClientTransport;
  logs: { level: string; logger?: string; data: unknown }[];
  stderr: () => string;
}

/** Starts `mcp-wasm <args>` with `home` and connects a client to it; `prepare` may declare client capabilities and handlers. */
export async function connect(args: string[], home: string, prepare?: (client: Client) => void, capabilities: ClientOptions['capabilities'] = {}): Promise<Connection> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, ...args],
    env: { ...(process.env as Record<string, string>), MCP_WASM_HOME: home },
    cwd: ROOT,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'mcp-wasm-test', version: '1.0.0' }, { capabilities });
  prepare?.(client);
  const logs: Connection['logs'] = [];
  client.setNotificationHandler('notifications/message', (notification) => {
    logs.push(notification.params as Connection['logs'][number]);
  });
  await client.connect(transport);
  return { client, transport, logs, stderr: () => stderr };
}
