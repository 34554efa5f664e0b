/**
 * The two servers every scenario compares: our host (`mcp-wasm serve`) and the native baseline,
 * `@modelcontextprotocol/server-everything` over stdio. Both are started the same way (the Node
 * binary running a script directly, no npx or shell in between) so spawn costs compare fairly.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** Path of the mcp-wasm CLI's bin script. */
export const CLI = join(ROOT, 'packages', 'cli', 'bin', 'mcp-wasm.js');

/** Path of server-everything's entry script (its package exports no subpath, so by file). */
const EVERYTHING = join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-everything', 'dist', 'index.js');

/** How to start one MCP server over stdio, and how to name its echo tool. */
export interface ServerSpec {
  label: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** The client-facing name of the echo tool of servlet `servlet` (ours) or of the server (native). */
  echoTool: (servlet?: string) => string;
}

function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** `mcp-wasm serve` on the home at `home`. */
export function oursServer(home: string): ServerSpec {
  return {
    label: 'mcp-wasm',
    command: process.execPath,
    args: [CLI, 'serve'],
    env: { ...inheritedEnv(), MCP_WASM_HOME: home },
    // The gateway prefixes each tool with its servlet's name (see the host's gateway/naming.ts).
    echoTool: (servlet = 'echo') => `${servlet}__echo`,
  };
}

/** A native server script run by the Node binary over stdio (server-filesystem, or one of bench/native/). */
export function nativeScript(label: string, script: string, args: string[] = []): ServerSpec {
  return { label, command: process.execPath, args: [script, ...args], env: inheritedEnv(), echoTool: () => 'echo' };
}

/** Entry script of `@modelcontextprotocol/server-filesystem`. */
export const SERVER_FILESYSTEM = join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js');

/** The native baseline: server-everything over stdio. */
export function nativeServer(): ServerSpec {
  return {
    label: 'server-everything',
    command: process.execPath,
    args: [EVERYTHING, 'stdio'],
    env: inheritedEnv(),
    echoTool: () => 'echo',
  };
}
