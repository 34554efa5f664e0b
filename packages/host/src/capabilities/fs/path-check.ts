/**
 * The pure path check of the filesystem capability: turns what a guest wrote into names below a
 * mount root, or refuses. It is lexical on purpose: `..` pops the previous name without looking
 * at the host, so it can never climb above the mount root, and since the backend never follows a
 * symlink, resolving `a/..` without visiting `a` gives the same object a real walk would reach,
 * provided `a` is a directory: what POSIX requires of every name followed by `/` is reported
 * (`leftDirectories`, `mustBeDirectory`) for the caller to check, since dropping a trailing slash
 * or a popped name unchecked lets `file/` or `file/..` act as if `file` were a directory (the class
 * of RUSTSEC-2026-0269).
 */
import type { FsErrorCode, Mount } from './types.js';

/** Longest single name the host file systems we target accept, in UTF-8 bytes. */
const MAX_NAME_BYTES = 255;
/** Longest path accepted, in UTF-8 bytes. */
const MAX_PATH_BYTES = 4096;

/**
 * The result of a check: names below the mount root, or a refusal with its WASI code and why. The
 * optional fields are present only when set, so a plain path answers just `{ ok, names }`.
 */
export type PathCheck =
  | {
      ok: true;
      names: string[];
      /** The path ends in `/` (or `/.`, `/..`) after a name: the object must be a directory (or not exist yet). */
      mustBeDirectory?: true;
      /** Names (below the mount root) that a `..` stepped out of: each must be an existing directory. */
      leftDirectories?: string[][];
    }
  | { ok: false; code: FsErrorCode; reason: string; denied: boolean };

const encoder = new TextEncoder();

/**
 * Resolves `path`, relative to a directory at `base` (names below the mount root), into names below
 * the mount root. Refuses absolute paths and any `..` that would leave the mount (both denials),
 * NUL bytes, empty paths and over-long names. Empty and `.` segments are skipped.
 */
export function resolveRelative(base: readonly string[], path: string): PathCheck {
  if (path.startsWith('/')) {
    return { ok: false, code: 'not-permitted', reason: 'absolute paths are not accepted: paths are relative to a granted directory', denied: true };
  }
  if (path.length === 0) return { ok: false, code: 'no-entry', reason: 'the path is empty', denied: false };
  if (path.includes('\0')) return { ok: false, code: 'invalid', reason: 'the path contains a NUL byte', denied: false };
  if (encoder.encode(path).length > MAX_PATH_BYTES) return { ok: false, code: 'name-too-long', reason: 'the path is too long', denied: false };
  const names = [...base];
  // The base and its ancestors are directories already; any other name used as one must be one.
  const known = (candidate: readonly string[]) => candidate.length <= base.length && candidate.every((name, index) => base[index] === name);
  const leftDirectories: string[][] = [];
  const segments = path.split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      // Lexical: never above the mount root, whatever the host holds.
      if (names.length === 0) {
        return { ok: false, code: 'not-permitted', reason: '`..` leads outside the granted directory', denied: true };
      }
      if (!known(names)) leftDirectories.push([...names]);
      names.pop();
      continue;
    }
    if (encoder.encode(segment).length > MAX_NAME_BYTES) return { ok: false, code: 'name-too-long', reason: `a name in the path is too long`, denied: false };
    names.push(segment);
  }
  // `file/` and `file/.` name `file` as a directory (a last `..` is covered by leftDirectories).
  const last = segments.at(-1);
  const mustBeDirectory = segments.length > 1 && (last === '' || last === '.') && !known(names);
  return {
    ok: true,
    names,
    ...(mustBeDirectory ? { mustBeDirectory: true as const } : {}),
    ...(leftDirectories.length > 0 ? { leftDirectories } : {}),
  };
}

/** Whether the last segment of `path` is `.` or `..` (which may not be created, removed or renamed). */
export function endsInDot(path: string): boolean {
  const last = path.split('/').filter((segment) => segment !== '').pop();
  return last === undefined || last === '.' || last === '..';
}

/** A guest's absolute path split into the mount it falls in and the names below that mount's root. */
export type MountMatch = { ok: true; mount: Mount; names: string[] } | { ok: false; code: FsErrorCode; reason: string; denied: boolean };

/**
 * Finds the mount an absolute guest path falls in (the deepest one, when mounts nest) and the
 * names below its root. `..` is resolved lexically from `/`, so `/data/../etc` is `/etc`, outside.
 */
export function resolveGuestPath(mounts: readonly Mount[], guestPath: string): MountMatch {
  if (!guestPath.startsWith('/')) return { ok: false, code: 'invalid', reason: 'a guest path must be absolute', denied: false };
  const normalised = resolveRelative([], guestPath.slice(1) || '.');
  if (!normalised.ok) {
    // Above `/` is outside every mount.
    return normalised.code === 'not-permitted' ? { ...normalised, reason: 'the path is outside every granted directory' } : normalised;
  }
  let best: { mount: Mount; depth: number } | undefined;
  for (const mount of mounts) {
    const root = mount.guestPath.split('/').filter((segment) => segment !== '');
    const inside = root.length <= normalised.names.length && root.every((name, index) => normalised.names[index] === name);
    if (inside && (!best || root.length > best.depth)) best = { mount, depth: root.length };
  }
  if (!best) return { ok: false, code: 'not-permitted', reason: 'the path is outside every granted directory', denied: true };
  return { ok: true, mount: best.mount, names: normalised.names.slice(best.depth) };
}

/** The guest path of `names` below the mount seen at `guestRoot`, for messages and denials. */
export function guestPathOf(guestRoot: string, names: readonly string[]): string {
  return names.length === 0 ? guestRoot : `${guestRoot.replace(/\/$/, '')}/${names.join('/')}`;
}
