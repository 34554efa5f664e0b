/**
 * Turns the grants recorded in the home into each servlet's capability context, at the start of
 * every call. The state file is re-read whenever it changed, so `mcp-wasm grant` and `revoke` take
 * effect on the next call of a running server, without a restart. Anything unreadable grants nothing.
 * Mount grants pass the mount policy here (`mountsFromGrants`), whoever wrote them: a mount of the
 * home, of /proc, overlapping another, or recorded without its directory's identity is left out.
 */
import { statSync } from 'node:fs';
import {
  emptyCapabilities,
  mountsFromGrants,
  type AuditSink,
  type CapabilityContext,
  type CapabilityProvider,
  type FsBackend,
  type Grants,
  type HttpBackend,
  type KvBackend,
  type Manifest,
  type MountRefusal,
  type ProtectedRoot,
} from '@mcp-wasm/host';
import { protectedRoots } from './fs-backend/mount-roots.js';
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

/** How a context is built beyond the grants: the places no mount may reach, and who hears a refused mount. */
export interface ContextOptions {
  protectedRoots: readonly ProtectedRoot[];
  /** Hears each mount grant left out by the mount policy. */
  refusedMount?: (refusal: MountRefusal) => void;
}

/** Builds one servlet's context from its grants. */
export function contextFromGrants(name: string, servlet: GrantedServlet, backends: NodeBackends, audit: AuditSink, options: ContextOptions): CapabilityContext {
  const { manifest, grants } = servlet;
  const { mounts, refused } = mountsFromGrants(name, grants.mounts, options.protectedRoots);
  for (const refusal of refused) options.refusedMount?.(refusal);
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
      mounts,
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
  private readonly roots: readonly ProtectedRoot[];
  /** Refused mounts already reported, so each is warned about and audited once per process, not at every call. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly home: HomePaths,
    private readonly backends: NodeBackends,
    private readonly audit: AuditSink,
    private readonly warn: (message: string) => void = () => {},
  ) {
    this.roots = protectedRoots(home);
  }

  /** The context options for servlet `name`: refused mounts are warned about and audited. */
  private optionsFor(name: string): ContextOptions {
    return {
      protectedRoots: this.roots,
      refusedMount: (refusal) => {
        const key = `${name}\0${refusal.grant.guest}\0${refusal.grant.host}\0${refusal.message}`;
        if (this.reported.has(key)) return;
        this.reported.add(key);
        this.warn(`servlet "${name}": ${refusal.message}`);
        this.audit({ type: 'denied', servlet: name, capability: 'filesystem', detail: refusal.message });
      },
    };
  }

  /** The provider for installed servlet `name`: its grants as recorded now. */
  provider(name: string): CapabilityProvider {
    return () => {
      const installed = this.current()?.servlets[name];
      if (!installed) return emptyCapabilities(name, (denial) => this.audit({ type: 'denied', servlet: name, ...denial }));
      return contextFromGrants(name, installed, this.backends, this.audit, this.optionsFor(name));
    };
  }

  /** The provider for a servlet run ad hoc with `grants` (not installed). */
  fixed(name: string, servlet: GrantedServlet): CapabilityProvider {
    return () => contextFromGrants(name, servlet, this.backends, this.audit, this.optionsFor(name));
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
