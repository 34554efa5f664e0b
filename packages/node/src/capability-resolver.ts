/**
 * Turns the grants recorded in the home into each servlet's capability context, at the start of
 * every call. The state file is re-read whenever it changed, so `mcp-wasm grant` and `revoke` take
 * effect on the next call of a running server, without a restart. Anything unreadable grants nothing.
 */
import { statSync } from 'node:fs';
import {
  emptyCapabilities,
  type AuditSink,
  type CapabilityContext,
  type CapabilityProvider,
  type FsBackend,
  type Grants,
  type HttpBackend,
  type KvBackend,
  type Manifest,
} from '@mcp-wasm/host';
import type { HomePaths } from './home.js';
import { readStateSync, type HomeState } from './state.js';

/** Storage quota for a servlet whose manifest names none. */
export const DEFAULT_STORAGE_QUOTA = 1024 * 1024;

/** The I/O the capabilities use in this process. */
export interface NodeBackends {
  fs?: FsBackend;
  http?: HttpBackend;
  /** The key-value backend of one servlet's namespace. */
  kv?: (servlet: string) => KvBackend;
  /** Decrypted values of the servlet's secrets that are set, among `keys`. */
  secrets?: (servlet: string, keys: readonly string[]) => Map<string, string>;
}

/** What a context is built from: a servlet's manifest, grants and config values. */
export interface GrantedServlet {
  manifest: Manifest;
  grants: Grants;
  config: Record<string, string>;
}

/** Builds one servlet's context from its grants. */
export function contextFromGrants(name: string, servlet: GrantedServlet, backends: NodeBackends, audit: AuditSink): CapabilityContext {
  const { manifest, grants } = servlet;
  const values = new Map<string, string>();
  for (const key of grants.config) {
    const set = Object.hasOwn(servlet.config, key) ? servlet.config[key] : undefined;
    const value = set ?? manifest.capabilities.config?.find((entry) => entry.key === key)?.default;
    if (value !== undefined) values.set(key, value);
  }
  const secrets = grants.secrets.length > 0 && backends.secrets ? backends.secrets(name, grants.secrets) : new Map<string, string>();
  for (const [key, value] of secrets) values.set(key, value);
  return {
    servlet: name,
    fs: {
      mounts: grants.mounts.map((mount) => ({ hostPath: mount.host, guestPath: mount.guest, readOnly: mount.access === 'read-only' })),
      ...(backends.fs ? { backend: backends.fs } : {}),
    },
    net: { allow: grants.network, ...(backends.http ? { backend: backends.http } : {}) },
    config: {
      values,
      secretKeys: new Set(grants.secrets),
      configKeys: new Set(grants.config),
      requestedSecretKeys: new Set(manifest.capabilities.secrets?.map((entry) => entry.key)),
    },
    kv: {
      quotaBytes: grants.storage ? (manifest.capabilities.storage?.quotaBytes ?? DEFAULT_STORAGE_QUOTA) : 0,
      ...(grants.storage && backends.kv ? { backend: backends.kv(name) } : {}),
    },
    client: { sampling: grants.sampling, elicitation: grants.elicitation, roots: grants.roots },
    denied: (denial) => audit({ type: 'denied', servlet: name, ...denial }),
  };
}

/** Capability providers for the servlets installed in a home. */
export class CapabilityResolver {
  private state: HomeState | undefined;
  private stamp = '';

  constructor(
    private readonly home: HomePaths,
    private readonly backends: NodeBackends,
    private readonly audit: AuditSink,
    private readonly warn: (message: string) => void = () => {},
  ) {}

  /** The provider for installed servlet `name`: its grants as recorded now. */
  provider(name: string): CapabilityProvider {
    return () => {
      const installed = this.current()?.servlets[name];
      if (!installed) return emptyCapabilities(name, (denial) => this.audit({ type: 'denied', servlet: name, ...denial }));
      return contextFromGrants(name, installed, this.backends, this.audit);
    };
  }

  /** The provider for a servlet run ad hoc with `grants` (not installed). */
  fixed(name: string, servlet: GrantedServlet): CapabilityProvider {
    return () => contextFromGrants(name, servlet, this.backends, this.audit);
  }

  /** The state, re-read when the file changed (size, time or inode); undefined when unreadable. */
  private current(): HomeState | undefined {
    let stamp = 'missing';
    try {
      const info = statSync(this.home.state, { bigint: true });
      stamp = `${info.ino}:${info.size}:${info.mtimeNs}`;
    } catch {
      // no state file: nothing installed
    }
    if (stamp !== this.stamp || !this.state) {
      try {
        this.state = readStateSync(this.home);
        this.stamp = stamp;
      } catch (error) {
        this.warn(`cannot read the grants (${(error as Error).message}): every capability is refused until it is fixed`);
        this.state = undefined;
        this.stamp = '';
      }
    }
    return this.state;
  }
}
