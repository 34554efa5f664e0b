/**
 * The home's state file: which servlets are installed. Written atomically (temporary file, fsync,
 * rename), so a kill at any moment leaves the old or the new state, never a torn one.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { HomePaths } from './home.js';

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
}

/** Everything the home records. */
export interface HomeState {
  version: 1;
  servlets: Record<string, InstalledServlet>;
}

const EMPTY: HomeState = { version: 1, servlets: {} };

/** Reads the state; a home without one is empty. */
export async function readState(home: HomePaths): Promise<HomeState> {
  let text: string;
  try {
    text = await readFile(home.state, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(EMPTY);
    throw error;
  }
  const state = JSON.parse(text) as HomeState;
  if (state.version !== 1 || typeof state.servlets !== 'object') {
    throw new Error(`${home.state} is not an mcp-wasm state file this version understands`);
  }
  return state;
}

/** Replaces the state file with `state`. */
export async function writeState(home: HomePaths, state: HomeState): Promise<void> {
  await writeFileAtomic(home.state, `${JSON.stringify(state, null, 2)}\n`, 0o600);
}
