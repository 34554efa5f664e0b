/**
 * The bearer token that `mcp-wasm serve --http` requires by default: 32 random bytes (base64url),
 * made on first use and kept in the home, readable by the user only. Written atomically under the
 * home's lock, so two servers started together agree on one token.
 */
import { randomBytes } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomic-write.js';
import type { HomePaths } from './home.js';
import { withLock } from './lock.js';

/** What a stored token looks like: 43 base64url characters (32 bytes). */
const TOKEN_FORMAT = /^[A-Za-z0-9_-]{43}$/;

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The token stored at `path`, or undefined when there is none (or it is damaged). */
export async function readToken(path: string): Promise<string | undefined> {
  try {
    const token = (await readFile(path, 'utf8')).trim();
    return TOKEN_FORMAT.test(token) ? token : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeToken(path: string, token: string): Promise<void> {
  await writeFileAtomic(path, `${token}\n`, 0o600);
  // The umask may have narrowed the mode, never widened it; make it exactly owner read-write.
  await chmod(path, 0o600);
}

/** The home's token, made now if there is none (or the file was damaged). */
export async function httpToken(home: HomePaths): Promise<{ token: string; created: boolean }> {
  const existing = await readToken(home.httpToken);
  if (existing) return { token: existing, created: false };
  return withLock(home, async () => {
    const raced = await readToken(home.httpToken);
    if (raced) return { token: raced, created: false };
    const token = newToken();
    await writeToken(home.httpToken, token);
    return { token, created: true };
  });
}

/** Replaces the home's token: clients holding the old one are refused from the next request on. */
export async function rotateHttpToken(home: HomePaths): Promise<string> {
  return withLock(home, async () => {
    const token = newToken();
    await writeToken(home.httpToken, token);
    return token;
  });
}
