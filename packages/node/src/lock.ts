/**
 * A lock file for the home, so that concurrent CLI runs modify the state one at a time. The lock is
 * created with O_EXCL and holds the owner's pid; a lock whose owner is gone (killed mid-install) is
 * taken over, so a crash never leaves the home locked.
 */
import { mkdir, open, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HomePaths } from './home.js';

const WAIT_MS = 25;
const GIVE_UP_MS = 30_000;
const EMPTY_STALE_MS = 5_000;

async function olderThan(path: string, ms: number): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info !== undefined && Date.now() - info.mtimeMs > ms;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function tryAcquire(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'wx', 0o600);
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
  // An empty file is a lock being written right now, unless it has been empty for long (its writer
  // was killed between creating and writing it); a lock whose owner is dead is stale.
  const stale = owner > 0 ? owner !== process.pid && !alive(owner) : await olderThan(path, EMPTY_STALE_MS);
  if (stale) await rm(path, { force: true });
  return false;
}

/** Runs `body` while holding the home's lock. */
export async function withLock<T>(home: HomePaths, body: () => Promise<T>): Promise<T> {
  await mkdir(home.root, { recursive: true });
  const path = join(home.root, 'state.lock');
  const started = Date.now();
  while (!(await tryAcquire(path))) {
    if (Date.now() - started > GIVE_UP_MS) {
      throw new Error(`the mcp-wasm home ${home.root} is locked by another run (${path}): wait for it to finish, or remove the lock file if no mcp-wasm command is running`);
    }
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
  try {
    return await body();
  } finally {
    await rm(path, { force: true });
  }
}
