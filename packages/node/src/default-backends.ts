/** The I/O behind each capability in a Node process: files, HTTP, storage and secrets of one home. */
import type { HomePaths } from './home.js';
import type { NodeBackends } from './capability-resolver.js';
import { createNodeFsBackend, fsUnsupportedReason } from './fs-backend/node-fs-backend.js';
import { createNodeHttpBackend } from './http-backend.js';
import { kvBackends } from './kv-backend.js';
import { SecretStore } from './secret-store.js';

/**
 * TEST ONLY: `MCP_WASM_TEST_HOSTS`, a JSON object of name → addresses, replaces DNS for the HTTP
 * backend (see `NodeHttpBackendOptions.hosts`), so the escape suite can make a granted name resolve
 * to loopback or the metadata address through the real CLI. Ignored unless set; the address policy
 * applies to these answers exactly as to DNS.
 */
function testHosts(): Record<string, readonly string[]> | undefined {
  const json = process.env.MCP_WASM_TEST_HOSTS;
  return json ? (JSON.parse(json) as Record<string, readonly string[]>) : undefined;
}

/**
 * Backends for `home`. The HTTP worker starts on the first request only. Where the filesystem
 * capability cannot be enforced safely (no /proc), `warn` says so once and mounts stay unusable.
 */
export function defaultBackends(home: HomePaths, warn: (message: string) => void): NodeBackends {
  const unsupported = fsUnsupportedReason();
  if (unsupported) warn(unsupported);
  const secrets = new SecretStore(home);
  return {
    fs: createNodeFsBackend(),
    http: createNodeHttpBackend({ hosts: testHosts() }),
    kv: kvBackends(home),
    secrets: (servlet, keys) => secrets.readSecrets(servlet, keys),
  };
}
