/** The I/O behind each capability in a Node process: files, HTTP, storage and secrets of one home. */
import type { HomePaths } from './home.js';
import type { NodeBackends } from './capability-resolver.js';
import { createNodeFsBackend, fsUnsupportedReason } from './fs-backend/node-fs-backend.js';
import { createNodeHttpBackend } from './http-backend.js';
import { kvBackends } from './kv-backend.js';
import { SecretStore } from './secret-store.js';

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
    http: createNodeHttpBackend(),
    kv: kvBackends(home),
    secrets: (servlet, keys) => secrets.readSecrets(servlet, keys),
  };
}
