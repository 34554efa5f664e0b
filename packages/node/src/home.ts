/** The mcp-wasm home: where installed servlets, state and caches live. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Paths inside one home directory. */
export interface HomePaths {
  /** The home itself. */
  root: string;
  /** Installed servlets' components. */
  servlets: string;
  /** The state file: installed servlets and their settings. */
  state: string;
  /** Transpiled components, by digest. */
  transpileCache: string;
}

/** The home named by `MCP_WASM_HOME`, else `~/.mcp-wasm`. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): HomePaths {
  const root = resolve(env.MCP_WASM_HOME || join(homedir(), '.mcp-wasm'));
  return {
    root,
    servlets: join(root, 'servlets'),
    state: join(root, 'state.json'),
    transpileCache: join(root, 'cache', 'transpiled'),
  };
}
