/**
 * minimatch, the glob matcher server-filesystem uses, loaded on first use. Its brace-expansion
 * dependency calls Math.random when its module is evaluated, and a component's initialisation
 * snapshot (wizer) may not reach the host's random source: a `require` inside a function makes
 * esbuild evaluate the module lazily, at the first match, when the host is there.
 */
import type { MinimatchOptions } from 'minimatch';

declare const require: (id: 'minimatch') => typeof import('minimatch');

let loaded: typeof import('minimatch') | undefined;

/** Whether `path` matches the glob `pattern`, as minimatch answers. */
export function minimatch(path: string, pattern: string, options: MinimatchOptions): boolean {
  loaded ??= require('minimatch');
  return loaded.minimatch(path, pattern, options);
}
