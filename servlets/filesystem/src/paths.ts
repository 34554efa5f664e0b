/**
 * Confinement, checked by the servlet before any file operation, with server-filesystem's rules
 * and messages: a path must lie inside a granted directory (relative paths are resolved against
 * them), and writing needs a directory granted read-write. The host enforces the same grants on
 * every call anyway (and never follows symbolic links); this check gives the model a clear message
 * first. The granted directories are the guest's preopens, asked for on every call.
 */
import { grantedDirectories, type GrantedDirectory } from '@mcp-wasm/sdk/fs';
import path from 'path-browserify';

/** The granted directories, their paths normalised (no trailing slash). */
export function allowedDirectories(): GrantedDirectory[] {
  return grantedDirectories().map((dir) => ({ path: path.resolve(dir.path), writable: dir.writable }));
}

function isWithin(candidate: string, dir: string): boolean {
  return candidate === dir || candidate.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** The deepest granted directory holding `absolute` (nested mounts: the inner one decides). */
function mountOf(absolute: string, dirs: GrantedDirectory[]): GrantedDirectory | undefined {
  return dirs.filter((dir) => isWithin(absolute, dir.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** server-filesystem's resolution of a relative path: the first granted directory that keeps it inside, else the first. */
function resolveRelative(relative: string, dirs: GrantedDirectory[]): string {
  for (const dir of dirs) {
    const candidate = path.resolve(dir.path, relative);
    if (dirs.some((allowed) => isWithin(candidate, allowed.path))) return candidate;
  }
  return path.resolve(dirs[0]?.path ?? '/', relative);
}

/** Whether the person granted writing at `absolute` (a path `validatePath` accepted). */
export function writableAt(absolute: string): boolean {
  return mountOf(absolute, allowedDirectories())?.writable ?? false;
}

/**
 * The absolute guest path for `requested`, or an "Access denied" error when it lies outside the
 * granted directories (or, with `write`, inside one granted read-only).
 */
export function validatePath(requested: string, access: 'read' | 'write' = 'read'): string {
  if (/^(?:[A-Za-z]:)(?:[\\/]|$)/.test(requested)) {
    throw new Error(`Access denied - Windows-style path received on a POSIX host: ${requested}`);
  }
  const dirs = allowedDirectories();
  const absolute = path.isAbsolute(requested) ? path.resolve(requested) : resolveRelative(requested, dirs);
  const mount = requested.includes('\0') ? undefined : mountOf(absolute, dirs);
  if (!mount) {
    const granted = dirs.map((dir) => dir.path).join(', ');
    if (!granted) {
      throw new Error(`Access denied - path outside allowed directories: ${absolute}: no directory is granted (grant one with --mount DIR:/data, at install or with mcp-wasm grant)`);
    }
    throw new Error(`Access denied - path outside allowed directories: ${absolute} not in ${granted}`);
  }
  if (access === 'write' && !mount.writable) {
    throw new Error(`Access denied - ${mount.path} was granted read-only, so ${absolute} cannot be changed (grant it read-write to allow writing)`);
  }
  return absolute;
}

export { path };
