/**
 * A component may import a capability's interface only if its manifest requests that capability.
 * Checked at install and at every load, before anything is compiled: an undeclared import means the
 * manifest the person consented to does not describe the code, so the servlet is refused.
 */
import { parseImportName } from '../component/linker.js';
import { HostError } from '../errors.js';
import { capabilityOfImport } from '../extism/inferred-manifest.js';
import type { Manifest } from './manifest.js';

type Capabilities = Manifest['capabilities'];

/** Interfaces (or whole packages) that need a capability, and whether the manifest requests it. */
const GUARDED: { prefix: string; capability: string; requested: (c: Capabilities) => boolean }[] = [
  { prefix: 'wasi:filesystem/', capability: 'filesystem', requested: (c) => (c.filesystem?.length ?? 0) > 0 },
  { prefix: 'wasi:http/', capability: 'network', requested: (c) => (c.network?.length ?? 0) > 0 },
  { prefix: 'wasi:config/', capability: 'config or secrets', requested: (c) => (c.config?.length ?? 0) + (c.secrets?.length ?? 0) > 0 },
  { prefix: 'wasi:keyvalue/', capability: 'storage', requested: (c) => c.storage !== undefined },
  { prefix: 'mcp-wasm:servlet/sampling', capability: 'sampling', requested: (c) => c.sampling !== undefined },
  { prefix: 'mcp-wasm:servlet/elicitation', capability: 'elicitation', requested: (c) => c.elicitation !== undefined },
  {
    prefix: 'mcp-wasm:servlet/input',
    capability: 'sampling, elicitation or roots',
    requested: (c) => c.sampling !== undefined || c.elicitation !== undefined || c.roots !== undefined,
  },
  // Upstream MCP servers (phase 2a) cannot be requested yet, so importing them is always refused.
  { prefix: 'mcp-wasm:servlet/upstream', capability: 'upstream MCP servers', requested: () => false },
];

/**
 * Refuses a component that imports a capability its manifest does not request. Throws
 * `HostError('undeclared-import')` naming the import and the capability.
 */
export function checkImportsAgainstManifest(imports: readonly string[], manifest: Manifest, label: string): void {
  for (const name of imports) {
    const iface = parseImportName(name)?.iface ?? name;
    const guard = GUARDED.find((entry) => iface.startsWith(entry.prefix));
    if (guard && !guard.requested(manifest.capabilities)) {
      throw new HostError(
        'undeclared-import',
        `${label} imports \`${name}\` but its manifest does not request ${guard.capability}: the publisher must declare it (servlet.json) and rebuild`,
      );
    }
  }
}

/** Whether a manifest requests (or, inferred, names as undeclared) each capability a plugin import can need. */
const PLUGIN_GUARDS: Record<keyof NonNullable<Manifest['undeclared']>, { capability: string; requested: (c: Capabilities) => boolean }> = {
  network: { capability: 'network', requested: (c) => (c.network?.length ?? 0) > 0 },
  filesystem: { capability: 'filesystem', requested: (c) => (c.filesystem?.length ?? 0) > 0 },
  config: { capability: 'config or secrets', requested: (c) => (c.config?.length ?? 0) + (c.secrets?.length ?? 0) > 0 },
  sampling: { capability: 'sampling', requested: (c) => c.sampling !== undefined },
  elicitation: { capability: 'elicitation', requested: (c) => c.elicitation !== undefined },
  roots: { capability: 'roots', requested: (c) => c.roots !== undefined },
};

/**
 * The same rule for an Extism plugin: an import of `http_request`, `config_get`, a WASI file
 * function or a hyper-mcp client feature needs its capability in the manifest. An inferred
 * manifest names every import's capability by construction. Throws `HostError('undeclared-import')`.
 */
export function checkPluginImportsAgainstManifest(imports: readonly string[], manifest: Manifest, label: string): void {
  for (const entry of imports) {
    const kind = capabilityOfImport(entry);
    if (!kind) continue;
    const guard = PLUGIN_GUARDS[kind];
    if (!guard.requested(manifest.capabilities) && !manifest.undeclared?.[kind]) {
      throw new HostError(
        'undeclared-import',
        `${label} imports \`${entry}\` but its manifest does not request ${guard.capability}: the publisher must declare it (servlet.json, or "allowed_hosts"/"allowed_paths"/"config" in an Extism manifest)`,
      );
    }
  }
}
