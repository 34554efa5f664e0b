/**
 * Mount roots in Node: a directory is resolved to its real path and its identity when it is
 * granted, and the places no mount may reach (the mcp-wasm home and whatever else it keeps) are
 * known by their real paths. The policy itself is the core's (`mountRootRefusal`, `refusedMounts`);
 * this file only looks at the host for it.
 */
import { closeSync, lstatSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import {
  escapeLine,
  FsBackendError,
  HostError,
  isWithin,
  refusedMounts,
  type FsIdentity,
  type Grants,
  type Mount,
  type MountGrant,
  type ProtectedRoot,
} from '@mcp-wasm/host';
import type { HomePaths } from '../home.js';
import { fsUnsupportedReason } from './node-fs-backend.js';
import { identityOf, openRoot } from './walk.js';

/** The real path of `path`, also when it does not exist yet (its nearest existing ancestor's real path, then the rest). */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
  }
}

/** What each place of a home holds, for messages. */
const KEPT: Partial<Record<keyof HomePaths, string>> = {
  secrets: 'the encrypted secrets of mcp-wasm',
  secretsKey: 'the key of the secrets of mcp-wasm',
  transpileCache: 'the code mcp-wasm runs (transpiled servlets)',
  state: 'the grants of mcp-wasm (state.json)',
  httpToken: 'the HTTP bearer token of mcp-wasm',
};

/**
 * The places no mount may be, contain or lie in: the home (as configured and as its real path),
 * and every place it names outside itself (a key kept elsewhere, say).
 */
export function protectedRoots(home: HomePaths): ProtectedRoot[] {
  const roots: ProtectedRoot[] = [];
  const add = (path: string, what: string) => {
    for (const candidate of new Set([resolve(path), realPathOf(path)])) {
      if (!roots.some((root) => root.path === candidate)) roots.push({ path: candidate, what });
    }
  };
  add(home.root, 'the mcp-wasm home (MCP_WASM_HOME), where the host keeps the grants, secrets and code of its servlets');
  for (const [key, path] of Object.entries(home) as [keyof HomePaths, unknown][]) {
    if (key === 'root' || typeof path !== 'string') continue;
    const inside = [resolve(home.root), realPathOf(home.root)].some((root) => isWithin(resolve(path), root) || isWithin(realPathOf(path), root));
    if (!inside) add(path, `where ${KEPT[key] ?? `mcp-wasm keeps its ${key}`} is kept`);
  }
  return roots;
}

/** A directory as granted: its real path and which directory it is. */
export interface ResolvedMountRoot {
  path: string;
  identity: FsIdentity;
}

/**
 * Resolves the directory a person named to its real path and identity, checking that it is a
 * directory reached through no symlink now. Throws `HostError('mount-refused')` saying what to do.
 */
export function resolveMountRoot(path: string): ResolvedMountRoot {
  let real: string;
  try {
    real = realpathSync.native(resolve(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HostError('mount-refused', `cannot mount ${escapeLine(path)}: ${code === 'ENOENT' ? 'it does not exist' : `it cannot be resolved (${code})`}. Create the directory, or give another one`);
  }
  if (fsUnsupportedReason()) {
    // Files are refused on this platform anyway; record what the grant names, for when they are not.
    const stats = lstatSync(real, { bigint: true });
    if (!stats.isDirectory()) throw new HostError('mount-refused', `cannot mount ${escapeLine(path)}: it is not a directory. Give a directory`);
    return { path: real, identity: { device: String(stats.dev), inode: String(stats.ino) } };
  }
  let fd: number;
  try {
    fd = openRoot(real);
  } catch (error) {
    const code = error instanceof FsBackendError ? error.code : 'io';
    let why = `it cannot be opened (${code}). Check its permissions`;
    if (code === 'not-directory') why = 'it is not a directory. Give a directory';
    if (error instanceof FsBackendError && error.refusal === 'symlink') why = 'it changed while it was looked at (a symbolic link appeared on its path). Try again';
    throw new HostError('mount-refused', `cannot mount ${escapeLine(path)}: ${why}`);
  }
  try {
    return { path: real, identity: identityOf(fd) };
  } finally {
    closeSync(fd);
  }
}

/**
 * `grants` with every mount resolved (real path and identity recorded), after checking the mount
 * policy for servlet `servlet` in `home`: throws `HostError('mount-refused')`, naming every problem
 * and what to do, when a mount may not be granted. `kept` are mounts granted before, already resolved,
 * checked together with the new ones (overlaps).
 */
export function resolveMountGrants(servlet: string, grants: Grants, home: HomePaths, kept: readonly MountGrant[] = []): Grants {
  const mounts = grants.mounts.map((mount) => {
    const root = resolveMountRoot(mount.host);
    return { host: root.path, guest: mount.guest, access: mount.access, identity: root.identity };
  });
  const all = [...kept.filter((old) => !mounts.some((mount) => mount.guest === old.guest)), ...mounts];
  const refusals = refusedMounts(servlet, all, protectedRoots(home));
  if (refusals.length > 0) throw new HostError('mount-refused', [...new Set(refusals.map((refusal) => refusal.message))].join('; '));
  return { ...grants, mounts };
}

/** The user's home directory, as a real path. */
export function userHomeDirectory(): string {
  return realPathOf(homedir());
}

/**
 * A mount of the directory at `path`, resolved as a grant is (real path and identity), for a
 * capability context built by hand (an embedding, a test). The mount policy of a home does not
 * apply here: the caller chooses what to show.
 */
export function mountFor(path: string, guestPath: string, readOnly: boolean): Mount {
  const root = resolveMountRoot(path);
  return { hostPath: root.path, guestPath, readOnly, identity: root.identity };
}
