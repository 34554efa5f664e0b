/**
 * Which language a servlet is written in, from its directory. The rule, in order:
 * 1. servlet.json's `"language"` (`typescript`, `c`, `assemblyscript`) when present;
 * 2. `assembly/` or `asconfig.json` → AssemblyScript (entry `assembly/index.ts`);
 * 3. a `.c` file in `src/` → C (every `src/*.c` is compiled);
 * 4. otherwise TypeScript (entry `src/index.ts`).
 * A directory that looks like two languages at once must say which in servlet.json.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '@mcp-wasm/host';
import { BuildError } from './build-error.js';

/** The languages `mcp-wasm build` compiles. */
export type ServletLanguage = 'typescript' | 'c' | 'assemblyscript';

/** The `.c` files of `dir/src`, sorted (empty when there are none). */
export async function cSources(dir: string): Promise<string[]> {
  const src = join(dir, 'src');
  if (!existsSync(src)) return [];
  return (await readdir(src)).filter((name) => name.endsWith('.c')).sort().map((name) => join(src, name));
}

/** The language of the servlet in `dir` (see the rule above). */
export async function detectLanguage(dir: string, manifest: Manifest): Promise<ServletLanguage> {
  if (manifest.language) return manifest.language;
  const assemblyScript = existsSync(join(dir, 'assembly')) || existsSync(join(dir, 'asconfig.json'));
  const c = (await cSources(dir)).length > 0;
  const typeScript = ['src/index.ts', 'src/servlet.ts'].some((entry) => existsSync(join(dir, entry)));
  const found = [assemblyScript && 'AssemblyScript (assembly/)', c && 'C (src/*.c)', typeScript && 'TypeScript (src/index.ts)'].filter(Boolean);
  if (found.length > 1) {
    throw new BuildError(`${dir} holds ${found.join(' and ')}: say which to build with "language": "assemblyscript", "c" or "typescript" in servlet.json`);
  }
  if (assemblyScript) return 'assemblyscript';
  return c ? 'c' : 'typescript';
}
