/**
 * Where a guest path of `@mcp-wasm/sdk/fs` lives: the granted mount that holds it (asked of the
 * host on every call) and the path below it; and the care of resource handles.
 */
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';
import type { Descriptor } from 'wasi:filesystem/types@0.2.12';
import { FsError, fsCall } from './fs-error.js';

/** Path flags of every call: symbolic links are never followed. */
export const NO_FOLLOW = { symlinkFollow: false };

/** Gives a resource handle back to the host (componentize-js names the method with Symbol.dispose). */
export function drop(resource: object): void {
  const symbols = [(Symbol as { dispose?: symbol }).dispose, Symbol.for('dispose')];
  for (const symbol of symbols) {
    const dispose = symbol && (resource as Record<symbol, unknown>)[symbol];
    if (typeof dispose === 'function') return void dispose.call(resource);
  }
}

/** A guest path resolved against the mounts: the mount's descriptor and the path below it (`.` for the root). */
export interface Located {
  dir: Descriptor;
  relative: string;
  /** The guest path of the mount. */
  mount: string;
}

/** `path` as names, resolving `.` and `..` lexically from `/` (undefined when `..` climbs above `/`). */
function namesOf(path: string): string[] | undefined {
  const names: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (names.length === 0) return undefined;
      names.pop();
    } else names.push(segment);
  }
  return names;
}

/**
 * Runs `body` with `path` located in the granted mounts (the deepest that holds it). The preopened
 * descriptors are asked for on every call, so a grant or revoke shows at once, and dropped after.
 */
export function located<T>(path: string, what: string, body: (where: Located) => T): T {
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new FsError('invalid', String(path), `cannot ${what} ${String(path)}: write an absolute guest path, such as /data/notes.txt`);
  }
  const preopens = getDirectories();
  try {
    const names = namesOf(path);
    let best: { dir: Descriptor; depth: number; mount: string } | undefined;
    for (const [dir, mount] of preopens) {
      const root = namesOf(mount) ?? [];
      const inside = names !== undefined && root.length <= names.length && root.every((name, index) => names[index] === name);
      if (inside && (!best || root.length > best.depth)) best = { dir, depth: root.length, mount };
    }
    if (!best || !names) {
      // Ask the host anyway (it refuses absolute paths), so the attempt reaches the audit log.
      try {
        preopens[0]?.[0].statAt(NO_FOLLOW, path);
      } catch {
        // refused, as expected
      }
      const granted = preopens.map(([, mount]) => mount).join(', ') || 'none';
      throw new FsError('not-permitted', path, `cannot ${what} ${path}: it is not in a directory granted to this servlet (granted: ${granted})`);
    }
    // A trailing `/` says the object is a directory: kept, so the host checks it (`file/` fails).
    const below = names.slice(best.depth).join('/');
    const where = { dir: best.dir, relative: below === '' ? '.' : /\/\.?$/.test(path) ? `${below}/` : below, mount: best.mount };
    return fsCall(what, path, () => body(where), where.mount);
  } finally {
    for (const [dir] of preopens) drop(dir);
  }
}

/** Runs `body` with `file` open, closing it after. */
export function withOpen<T>(file: Descriptor, body: (file: Descriptor) => T): T {
  try {
    return body(file);
  } finally {
    drop(file);
  }
}
