/** Connects the official MCP SDK client to a server child process over stdio, as any MCP client would. */
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { ROOT, type ServerSpec } from './servers.js';

/** A connected client and its server's process id. */
export interface Connection {
  client: Client;
  pid: number;
  /** The server's stderr so far, for error messages. */
  stderr: () => string;
  close: () => Promise<void>;
}

/** Starts `server` and completes the MCP handshake (`initialize`). */
export async function connect(server: ServerSpec): Promise<Connection> {
  const transport = new StdioClientTransport({ command: server.command, args: server.args, env: server.env, cwd: ROOT, stderr: 'pipe' });
  let stderr = '';
  // Keep only the tail: a server that logs a lot must not grow the bench's memory.
  transport.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const client = new Client({ name: 'mcp-wasm-bench', version: '1.0.0' });
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw new Error(`${server.label} did not start: ${(error as Error).message}\n${stderr}`);
  }
  const pid = transport.pid;
  if (pid === null) throw new Error(`${server.label} started without a process id`);
  return { client, pid, stderr: () => stderr, close: () => client.close() };
}

/** Calls `tool` with an echo message and checks the answer, so a failing server never passes as a fast one. */
export async function callEcho(connection: Connection, tool: string, message: string): Promise<void> {
  const result = await connection.client.callTool({ name: tool, arguments: { message } });
  const content = result.content as { type: string; text?: string }[] | undefined;
  const text = content?.[0]?.text;
  if (result.isError || text !== `Echo: ${message}`) {
    throw new Error(`${tool} answered ${JSON.stringify(result).slice(0, 300)} instead of "Echo: ${message}"\n${connection.stderr()}`);
  }
}
