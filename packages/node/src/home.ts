/** The mcp-wasm home: where installed servlets, state, secrets, storage, the audit log and caches live. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Paths inside one home directory. */
export interface HomePaths {
  /** The home itself. */
  root: string;
  /** Installed servlets' components (and sidecar manifests). */
  servlets: string;
  /** The state file: installed servlets, grants, pins. */
  state: string;
  /** Approved listings (tools, prompts, resource templates), one file per installed servlet. */
  listings: string;
  /** Encrypted secrets, one file for all servlets. */
  secrets: string;
  /** The key that encrypts `secrets` (readable by the user only). */
  secretsKey: string;
  /** Key-value storage, one namespace per servlet. */
  storage: string;
  /** The audit log, JSON lines. */
  audit: string;
  /** Transpiled components, by digest. */
  transpileCache: string;
  /** The bearer token of `serve --http` (readable by the user only). */
  httpToken: string;
}

/** The home named by `MCP_WASM_HOME`, else `~/.mcp-wasm`. */
export function resolveHome(env: NodeJS.ProcessEnv = process.env): HomePaths {
  const root = resolve(env.MCP_WASM_HOME || join(homedir(), '.mcp-wasm'));
  return {
    root,
    servlets: join(root, 'servlets'),
    state: join(root, 'state.json'),
    listings: join(root, 'listings'),
    secrets: join(root, 'secrets.json'),
    secretsKey: join(root, 'secrets.key'),
    storage: join(root, 'storage'),
    audit: join(root, 'audit.jsonl'),
    transpileCache: join(root, 'cache', 'transpiled'),
    httpToken: join(root, 'http-token'),
  };
}
