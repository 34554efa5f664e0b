/**
 * The home's state file: installed servlets, their manifests, grants, config values and tool pins.
 * Written atomically (temporary file, fsync, rename), so a kill at any moment leaves the old or the
 * new state, never a torn one; read-modify-write runs under a lock file, so concurrent CLI runs
 * never lose each other's changes.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { noGrants, type Grants, type Manifest } from '@mcp-wasm/host';
import { writeFileAtomic } from './atomic-write.js';
import type { HomePaths } from './home.js';
import { withLock } from './lock.js';

/** One installed servlet. */
export interface InstalledServlet {
  /** Its name, unique in the home; the prefix of its tools. */
  name: string;
  /** Path of its component, relative to the home. */
  file: string;
  /** SHA-256 of the component. */
  digest: string;
  /** Where it was installed from. */
  source: string;
  /** When it was installed, ISO 8601. */
  installedAt: string;
  /** What it requests. */
  manifest: Manifest;
  /** Whether the manifest is inside the artifact (covered by its digest), a sidecar file, inferred from a plugin's imports, or absent. */
  manifestSource: 'embedded' | 'sidecar' | 'inferred' | 'none';
  /** What kind of binary it is when not a component, e.g. "Extism plugin (mcp.run v0)". */
  format?: string;
  /** What the person granted: always within `manifest`. */
  grants: Grants;
  /** Plain config values the person set, by key (requested defaults apply to keys not set here). */
  config: Record<string, string>;
  /** Approved tool definitions: a hash of each tool's whole definition, by the tool's own name. */
  pins: Record<string, string>;
}

/** Everything the home records. */
export interface HomeState {
  version: 2;
  servlets: Record<string, InstalledServlet>;
}

function empty(): HomeState {
  return { version: 2, servlets: {} };
}

/** Brings a version 1 state (foundation: no manifests or grants) forward: nothing granted, nothing pinned. */
function upgrade(state: { version: number; servlets: Record<string, Partial<InstalledServlet>> }): HomeState {
  for (const servlet of Object.values(state.servlets)) {
    servlet.manifest ??= { capabilities: {} };
    servlet.manifestSource ??= 'none';
    servlet.grants ??= noGrants();
    servlet.config ??= {};
    servlet.pins ??= {};
  }
  return { version: 2, servlets: state.servlets as Record<string, InstalledServlet> };
}

/** Parses the state file's text. */
function parseState(text: string, path: string): HomeState {
  let state: { version: number; servlets: Record<string, Partial<InstalledServlet>> };
  try {
    state = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON: restore it from a backup, or remove it to start from an empty home`);
  }
  if ((state.version !== 1 && state.version !== 2) || typeof state.servlets !== 'object' || state.servlets === null) {
    throw new Error(`${path} is not an mcp-wasm state file this version understands: upgrade mcp-wasm`);
  }
  return upgrade(state);
}

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

/** Reads the state; a home without one is empty. */
export async function readState(home: HomePaths): Promise<HomeState> {
  try {
    return parseState(await readFile(home.state, 'utf8'), home.state);
  } catch (error) {
    if (isMissing(error)) return empty();
    throw error;
  }
}

/** Reads the state synchronously (for capability checks inside a guest call). */
export function readStateSync(home: HomePaths): HomeState {
  try {
    return parseState(readFileSync(home.state, 'utf8'), home.state);
  } catch (error) {
    if (isMissing(error)) return empty();
    throw error;
  }
}

/** Replaces the state file with `state`. Prefer `updateState`, which also takes the lock. */
export async function writeState(home: HomePaths, state: HomeState): Promise<void> {
  await writeFileAtomic(home.state, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}

/**
 * Reads the state, lets `change` modify it, and writes it back, all under the home's lock, so two
 * CLI runs at once apply one after the other. Returns what `change` returned.
 */
export async function updateState<T>(home: HomePaths, change: (state: HomeState) => T | Promise<T>): Promise<T> {
  return withLock(home, async () => {
    const state = await readState(home);
    const result = await change(state);
    await writeState(home, state);
    return result;
  });
}
