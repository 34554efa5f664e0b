/**
 * Builds servlets from source for the tests, once per source version: the component is cached in
 * node_modules/.cache by a hash of the servlet's sources and of the SDK and build packages (with
 * the C header and AssemblyScript library in packages/build/pdk), so the test files (separate
 * processes) share one build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServlet } from '@mcp-wasm/build';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const CACHE = join(ROOT, 'node_modules', '.cache', 'mcp-wasm-test');

/** Directories of the servlets tests can build, by name. */
export const SERVLET_DIRS: Record<string, string> = {
  hello: join(ROOT, 'servlets', 'hello'),
  filesystem: join(ROOT, 'servlets', 'filesystem'),
  memory: join(ROOT, 'servlets', 'memory'),
  time: join(ROOT, 'servlets', 'time'),
  fetch: join(ROOT, 'servlets', 'fetch'),
  'eval-js': join(ROOT, 'servlets', 'eval-js'),
  faulty: join(ROOT, 'test', 'fixtures', 'servlets', 'faulty'),
  'consent-probe': join(ROOT, 'test', 'fixtures', 'servlets', 'consent-probe'),
  'net-probe': join(ROOT, 'test', 'fixtures', 'servlets', 'net-probe'),
  'config-probe': join(ROOT, 'test', 'fixtures', 'servlets', 'config-probe'),
  'fs-probe': join(ROOT, 'test', 'fixtures', 'servlets', 'fs-probe'),
  'rug-pull': join(ROOT, 'test', 'fixtures', 'servlets', 'rug-pull'),
  'limits-probe': join(ROOT, 'test', 'fixtures', 'servlets', 'limits-probe'),
  'client-probe': join(ROOT, 'test', 'fixtures', 'servlets', 'client-probe'),
  'memory-bomb': join(ROOT, 'test', 'fixtures', 'servlets', 'memory-bomb'),
  conformance: join(ROOT, 'test', 'fixtures', 'servlets', 'conformance'),
  // Extism plugins written in C and AssemblyScript (built with clang-19 and asc).
  'c-probe': join(ROOT, 'test', 'fixtures', 'servlets-c', 'c-probe'),
  'as-probe': join(ROOT, 'test', 'fixtures', 'servlets-as', 'as-probe'),
  // The escape suite's file attacks as an Extism plugin in C (test/escape/extism-files.test.ts).
  'file-attacks': join(ROOT, 'test', 'fixtures', 'servlets-c', 'file-attacks'),
};

async function hashTree(hash: ReturnType<typeof createHash>, dir: string): Promise<void> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await hashTree(hash, path);
    else hash.update(entry.name).update(await readFile(path));
  }
}

/**
 * The path of a built component for the servlet in `dir`, building it if its sources changed.
 * `extraImports` (escape-suite guests only) go to `buildServlet` and into the cache key.
 */
export async function buildFromSource(dir: string, extraImports: readonly string[] = []): Promise<string> {
  const hash = createHash('sha256');
  if (extraImports.length > 0) hash.update(JSON.stringify(extraImports)); // existing cache keys stay valid
  const trees = [dir, join(ROOT, 'packages', 'sdk', 'dist'), join(ROOT, 'packages', 'build', 'dist'), join(ROOT, 'wit'), join(ROOT, 'packages', 'build', 'pdk')];
  for (const tree of trees) {
    await hashTree(hash, tree);
  }
  const out = join(CACHE, `${hash.digest('hex').slice(0, 24)}.wasm`);
  if (existsSync(out)) return out;
  await mkdir(CACHE, { recursive: true });
  const staging = `${out}.${process.pid}.tmp`;
  await buildServlet({ dir, out: staging, extraImports });
  await rename(staging, out);
  return out;
}

/** The built component of a named test servlet (`hello`, `faulty`). */
export function builtServlet(name: keyof typeof SERVLET_DIRS): Promise<string> {
  return buildFromSource(SERVLET_DIRS[name]!);
}
