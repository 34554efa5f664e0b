#!/usr/bin/env node
// `npm run build:servlets`: builds every first-party servlet under servlets/ whose sources changed
// into servlets/<name>/dist/<name>.wasm, then writes the catalog servlets/dist/catalog.json (name,
// version, description, requested capabilities, SHA-256 of the component) that `mcp-wasm install
// <name>` and `mcp-wasm list --available` read. Both are build outputs, never committed.
//
// "Changed" is decided by a hash of the servlet's files and of the SDK, build package and WIT it is
// built with (recorded in the catalog), not by modification times: a change to the SDK rebuilds
// every servlet, and a checkout that touched files without changing them rebuilds nothing.
// A servlet that fails to build is reported and left out of the catalog; the script then exits 1.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServlet, readServletManifest } from '@mcp-wasm/build';
import { catalogEntry, readCatalog, writeCatalog } from 'mcp-wasm';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVLETS = join(ROOT, 'servlets');
/** Where the catalog goes; the CLI looks here in a source checkout. */
export const CATALOG = join(SERVLETS, 'dist', 'catalog.json');

function hashTree(hash, dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.endsWith('.tsbuildinfo')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, path);
    else hash.update(relative(dir, path)).update(readFileSync(path));
  }
}

/** Hash of what a servlet's component is made from. */
function sourceHash(dir) {
  const hash = createHash('sha256');
  for (const tree of [dir, join(ROOT, 'packages', 'sdk', 'dist'), join(ROOT, 'packages', 'build', 'dist'), join(ROOT, 'wit')]) hashTree(hash, tree);
  return hash.digest('hex');
}

/**
 * Builds what changed and rewrites the catalog. Returns the catalog entries and the names of the
 * servlets that failed. `say` hears progress (stderr by default: stdout may carry MCP messages).
 */
export async function buildServlets({ say = (text) => process.stderr.write(`${text}\n`) } = {}) {
  const previous = new Map(((await readCatalog(CATALOG).catch(() => undefined))?.servlets ?? []).map((entry) => [entry.name, entry]));
  const entries = [];
  const failed = [];
  for (const name of readdirSync(SERVLETS).sort()) {
    const dir = join(SERVLETS, name);
    if (name === 'dist' || !existsSync(join(dir, 'package.json'))) continue;
    if (!existsSync(join(dir, 'src'))) {
      say(`skipping ${name}: no sources yet (src/)`);
      continue;
    }
    try {
      const manifest = await readServletManifest(dir);
      const out = join(dir, 'dist', `${manifest.name}.wasm`);
      const hash = sourceHash(dir);
      const before = previous.get(manifest.name);
      const unchanged = before?.sourceHash === hash && existsSync(out) && catalogEntry(manifest, readFileSync(out), '').digest === before.digest;
      if (!unchanged) {
        say(`building servlet ${name}…`);
        await buildServlet({ dir, out, onProgress: (step) => say(`  ${step}`) });
      }
      entries.push(catalogEntry(manifest, readFileSync(out), relative(join(SERVLETS, 'dist'), out), hash));
    } catch (error) {
      say(`servlet ${name} did not build: ${error.message}`);
      failed.push(name);
    }
  }
  await writeCatalog(CATALOG, { version: 1, servlets: entries });
  say(`catalog: ${relative(ROOT, CATALOG)} (${entries.map((entry) => entry.name).join(', ') || 'empty'})`);
  return { entries, failed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { failed } = await buildServlets();
  if (failed.length > 0) {
    process.stderr.write(`build:servlets: ${failed.join(', ')} failed to build (see above)\n`);
    process.exitCode = 1;
  }
}
