/**
 * An Extism manifest (the JSON an Extism host loads a plugin with) as a sidecar: its concepts map
 * onto ours, and the result is an ordinary manifest the person consents to, narrows and grants.
 *
 * - `allowed_hosts` (host globs, no scheme) → network requests for `https://host`; only a plain host
 *   or a `*.domain` wildcard can be mapped: `*` or other globs would request the whole network.
 * - `allowed_paths` (`{ "[ro:]host dir": "guest path" }`) → filesystem requests at the guest path,
 *   read-only with `ro:`; the host directory is the person's choice at install (`--mount`).
 * - `config` → config requests whose values are their defaults.
 * - `memory.max_pages`, `timeout_ms` → limits.
 */
import { HostError } from '../errors.js';
import { parseManifest, type Manifest } from '../manifest/manifest.js';

const EXTISM_KEYS = ['wasm', 'allowed_hosts', 'allowed_paths', 'config', 'memory', 'timeout_ms'];

/** Whether `json` looks like an Extism manifest rather than a servlet.json. */
export function isExtismManifest(json: unknown): json is Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || 'capabilities' in json) return false;
  return EXTISM_KEYS.some((key) => key in json);
}

function refuse(label: string, message: string): never {
  throw new HostError('invalid-manifest', `the Extism manifest ${label}: ${message}`);
}

/** Our manifest for an Extism manifest; throws `HostError('invalid-manifest')` for what cannot be mapped. */
export function manifestFromExtism(json: Record<string, unknown>, label: string): Manifest {
  const hosts = (json.allowed_hosts ?? []) as unknown;
  const paths = (json.allowed_paths ?? {}) as unknown;
  const config = (json.config ?? {}) as unknown;
  if (!Array.isArray(hosts) || hosts.some((host) => typeof host !== 'string')) refuse(label, 'allowed_hosts must be a list of host names');
  if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) refuse(label, 'allowed_paths must map host directories to guest paths');
  if (typeof config !== 'object' || config === null || Array.isArray(config)) refuse(label, 'config must map keys to values');
  const network = (hosts as string[]).map((host) => {
    if (!/^(\*\.)?[A-Za-z0-9.-]+$/.test(host)) refuse(label, `allowed host ${JSON.stringify(host)} cannot be granted: name hosts (api.example.com) or subdomains (*.example.com), never the whole network`);
    return { origin: `https://${host}`, purpose: 'listed in allowed_hosts of its Extism manifest' };
  });
  const filesystem = Object.entries(paths as Record<string, unknown>).map(([host, guest]) => {
    if (typeof guest !== 'string') refuse(label, `allowed path ${JSON.stringify(host)} must map to a guest path`);
    return { guest: guest.replace(/\/+$/, '') || '/', access: host.startsWith('ro:') ? ('read-only' as const) : ('read-write' as const), purpose: 'listed in allowed_paths of its Extism manifest' };
  });
  const configEntries = Object.entries(config as Record<string, unknown>).map(([key, value]) => ({
    key,
    purpose: 'set in config of its Extism manifest',
    ...(typeof value === 'string' ? { default: value } : {}),
  }));
  const limits: Record<string, number> = {};
  const maxPages = (json.memory as { max_pages?: unknown } | undefined)?.max_pages;
  if (typeof maxPages === 'number' && maxPages > 0) limits.memoryMb = Math.max(1, Math.ceil((maxPages * 64) / 1024));
  if (typeof json.timeout_ms === 'number' && json.timeout_ms > 0) limits.timeoutMs = Math.ceil(json.timeout_ms);
  return parseManifest(
    {
      capabilities: {
        ...(network.length > 0 ? { network } : {}),
        ...(filesystem.length > 0 ? { filesystem } : {}),
        ...(configEntries.length > 0 ? { config: configEntries } : {}),
      },
      ...(Object.keys(limits).length > 0 ? { limits } : {}),
    },
    label,
  );
}

/** A sidecar file's text as a manifest: servlet.json, or an Extism manifest. */
export function parseSidecar(text: string, label: string): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new HostError('invalid-manifest', `the manifest ${label} is not valid JSON: ${(error as Error).message}`);
  }
  return isExtismManifest(json) ? manifestFromExtism(json, label) : parseManifest(json, label);
}
