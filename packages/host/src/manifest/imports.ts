/**
 * A component may import a capability's interface only if its manifest requests that capability.
 * Checked at install and at every load, before anything is compiled: an undeclared import means the
 * manifest the person consented to does not describe the code, so the servlet is refused.
 */
import { parseImportName } from '../component/linker.js';
import { HostError } from '../errors.js';
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
