/**
 * Grants: what a person allowed a servlet, always a subset of what its manifest requests. Kept to
 * few dimensions on purpose (a mount is read-only or read-write, nothing finer), as wasmtime learnt
 * after a bypass through two overlapping permission sets.
 */
import type { FsIdentity } from '../capabilities/fs/types.js';
import { parseOriginPattern, patternCovers } from '../capabilities/net/pattern.js';
import type { Manifest } from '../manifest/manifest.js';

/** Read-only or read-write, as in the manifest. */
export type MountAccess = 'read-only' | 'read-write';

/** One granted directory. */
export interface MountGrant {
  /** Absolute host directory: its real path, resolved when granted. */
  host: string;
  /** Guest path it appears at; one the manifest requests. */
  guest: string;
  access: MountAccess;
  /**
   * The directory granted (device and inode), recorded by the adapter when it resolved `host`. A
   * grant without one is not usable: the directory at `host` could be any directory by now.
   */
  identity?: FsIdentity;
}

/** Everything granted to one servlet. Absent or false means not granted. */
export interface Grants {
  mounts: MountGrant[];
  /** Origin patterns, each within a requested one. */
  network: string[];
  /** Config keys the servlet may read. */
  config: string[];
  /** Secret keys the servlet may read. */
  secrets: string[];
  storage: boolean;
  sampling: boolean;
  elicitation: boolean;
  roots: boolean;
}

/** Grants nothing. */
export function noGrants(): Grants {
  return { mounts: [], network: [], config: [], secrets: [], storage: false, sampling: false, elicitation: false, roots: false };
}

/**
 * Every way `grants` exceeds what `manifest` requests, as messages for a person; empty when the
 * grants are within the request.
 */
export function excessGrants(manifest: Manifest, grants: Grants): string[] {
  const requested = manifest.capabilities;
  const problems: string[] = [];
  for (const mount of grants.mounts) {
    const request = requested.filesystem?.find((entry) => entry.guest === mount.guest);
    // An undeclared (inferred) filesystem request names no path: the person names the mount.
    if (!request && manifest.undeclared?.filesystem) continue;
    if (!request) problems.push(`a mount at ${mount.guest}, which the servlet does not request${listOf(requested.filesystem?.map((entry) => entry.guest))}`);
    else if (request.access === 'read-only' && mount.access === 'read-write') problems.push(`write access to ${mount.guest}, which the servlet requests read-only`);
  }
  const origins = (requested.network ?? []).map((entry) => parseOriginPattern(entry.origin)).filter((p) => typeof p !== 'string');
  for (const origin of grants.network) {
    const pattern = parseOriginPattern(origin);
    if (typeof pattern === 'string') problems.push(pattern);
    // An undeclared (inferred) network request names no origin: the person names each one.
    else if (!origins.some((outer) => patternCovers(outer, pattern)) && !manifest.undeclared?.network) {
      problems.push(`network access to ${origin}, which the servlet does not request${listOf(requested.network?.map((entry) => entry.origin))}`);
    }
  }
  for (const key of grants.config) {
    if (!requested.config?.some((entry) => entry.key === key)) problems.push(`config key ${key}, which the servlet does not request`);
  }
  for (const key of grants.secrets) {
    if (!requested.secrets?.some((entry) => entry.key === key)) problems.push(`secret ${key}, which the servlet does not request`);
  }
  for (const feature of ['storage', 'sampling', 'elicitation', 'roots'] as const) {
    if (grants[feature] && !requested[feature]) problems.push(`${feature}, which the servlet does not request`);
  }
  return problems;
}

function listOf(items: string[] | undefined): string {
  return items && items.length > 0 ? ` (it requests ${items.join(', ')})` : '';
}
