/** Runs the real `mcp-wasm serve --http` as a child process on loopback, for the HTTP tests. */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';
import { CLI } from './cli.js';
import { ROOT } from './servlets.js';

/** A running `mcp-wasm serve --http`. */
export interface HttpServe {
  /** The MCP endpoint printed at start. */
  url: URL;
  /** The home's bearer token (token mode; empty with --auth oauth). */
  token: string;
  stderr(): string;
  stop(): Promise<void>;
}

/** Starts `mcp-wasm serve --http --port 0 …args` with `home`; resolves once it has printed how to connect. */
export async function startHttpServe(home: string, args: string[] = []): Promise<HttpServe> {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', ...args], {
    cwd: ROOT,
    env: { ...process.env, MCP_WASM_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve --http did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /over Streamable HTTP at (http:\/\/\S+)/.exec(stderr);
      // The last line printed at start: everything before it (token, configurations) is there.
      if (match && stderr.includes('Serving until Ctrl-C')) {
        clearTimeout(timer);
        resolve(new URL(match[1]!));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve --http exited with ${code}: ${stderr}`));
    });
  });
  let token = '';
  try {
    token = readFileSync(join(home, 'http-token'), 'utf8').trim();
  } catch {
    // --auth oauth: no token file is needed.
  }
  return {
    url,
    token,
    stderr: () => stderr,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** An SDK client connected to `url` with `authorization`; `options` may pin the 2026-07-28 era. */
export async function httpClient(url: URL, authorization: string, options: ClientOptions = {}): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const transport = new StreamableHTTPClientTransport(url, { requestInit: { headers: { Authorization: authorization } } });
  const client = new Client({ name: 'mcp-wasm-http-test', version: '1.0.0' }, options);
  await client.connect(transport);
  return { client, transport };
}

/** The 2026-07-28 era, pinned (no fallback to initialize). */
export const MODERN: ClientOptions = { versionNegotiation: { mode: { pin: '2026-07-28' } } };
