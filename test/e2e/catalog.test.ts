/**
 * The first-party catalog: `mcp-wasm list --available` shows it (escaped), `mcp-wasm install
 * <name>` installs from it with the usual consent and narrowing flags, and refuses a component
 * whose digest is not the catalog's, an unknown name, a missing component, and a catalog that
 * understates what a servlet requests. Each test uses a catalog in a temporary directory, written
 * by the CLI's own catalog writer (the one scripts/build-servlets.mjs uses) around components
 * built from source, and named by MCP_WASM_CATALOG.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, before, describe, test } from 'node:test';
import { readServletManifest } from '@mcp-wasm/build';
import { catalogEntry, writeCatalog, type CatalogEntry } from 'mcp-wasm';
import { runCli, temporaryHome } from '../support/cli.js';
import { builtServlet, SERVLET_DIRS } from '../support/servlets.js';

/** A servlet whose catalog text tries to hide things: an ANSI colour, a bidi override, a zero-width space. */
const HOSTILE: CatalogEntry = {
  name: 'sneaky',
  version: '1.0.0',
  description: 'Looks harmless\u001b[31m red\u202eeulb\u200b',
  capabilities: { storage: { purpose: 'keeps\u200b notes' } },
  digest: 'a'.repeat(64),
  artifact: 'sneaky.wasm', // never built: installing it is a missing component
};

let memoryEntry: CatalogEntry;
let timeEntry: CatalogEntry;
let memoryBytes: Buffer;

/** A directory holding memory.wasm, time.wasm and a catalog of them plus `extra` entries; returns the catalog path. */
async function catalogDir(extra: CatalogEntry[] = [], change?: (dir: string) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wasm-catalog-'));
  copyFileSync(await builtServlet('memory'), join(dir, 'memory.wasm'));
  copyFileSync(await builtServlet('time'), join(dir, 'time.wasm'));
  const path = join(dir, 'catalog.json');
  await writeCatalog(path, { version: 1, servlets: [memoryEntry, timeEntry, ...extra] });
  change?.(dir);
  return path;
}

function cli(args: string[], home: string, catalog: string) {
  process.env.MCP_WASM_CATALOG = catalog; // runCli passes the test's environment to the CLI
  return runCli(args, { home });
}

before(async () => {
  memoryBytes = readFileSync(await builtServlet('memory'));
  memoryEntry = catalogEntry(await readServletManifest(SERVLET_DIRS.memory!), memoryBytes, 'memory.wasm');
  timeEntry = catalogEntry(await readServletManifest(SERVLET_DIRS.time!), readFileSync(await builtServlet('time')), 'time.wasm');
});

afterEach(() => {
  delete process.env.MCP_WASM_CATALOG;
});

describe('mcp-wasm list --available', () => {
  test('shows each servlet, what it asks for in plain words, and whether it is installed; catalog text is escaped', async () => {
    const catalog = await catalogDir([HOSTILE]);
    const home = temporaryHome();
    const listed = cli(['list', '--available'], home, catalog);
    assert.equal(listed.status, 0, listed.stderr);
    const out = listed.stdout;
    assert.match(out, /^memory 0\.1\.0 {2}\(not installed\)$/m);
    assert.match(out, /A knowledge graph of entities, relations and observations/);
    assert.match(out, /keep data of its own between calls \(up to 2097152 bytes\) — "keeps the knowledge graph/);
    assert.match(out, new RegExp(`sha256:${memoryEntry.digest}`));
    assert.match(out, /install: mcp-wasm install memory/);
    assert.match(out, /^time 0\.1\.0 {2}\(not installed\)\n {2}The current time in any time zone[^\n]*\n {2}asks for no capabilities/m);
    // Nothing of the hostile text reaches the terminal raw.
    for (const raw of ['\u001b', '\u202e', '\u200b']) assert.ok(!out.includes(raw), JSON.stringify(out));
    assert.match(out, /Looks harmless\\u\{1B\}\[31m red\\u\{202E\}eulb\\u\{200B\}/);
    assert.match(out, /"keeps\\u\{200B\} notes"/);

    assert.equal(cli(['install', 'time', '--yes'], home, catalog).status, 0);
    const again = cli(['list', '--available', '--json'], home, catalog);
    const states = Object.fromEntries((JSON.parse(again.stdout) as { name: string; installed: string }[]).map((e) => [e.name, e.installed]));
    assert.deepEqual(states, { memory: 'not installed', time: 'installed', sneaky: 'not installed' });
  });

  test('without a catalog, says how to get one', () => {
    const listed = cli(['list', '--available'], temporaryHome(), join(tmpdir(), 'no-such-dir', 'catalog.json'));
    assert.equal(listed.status, 1);
    assert.match(listed.stderr, /no servlet catalog at .*catalog\.json: in a source checkout run `npm run build:servlets`, or set MCP_WASM_CATALOG/);
  });
});

describe('mcp-wasm install <name>', () => {
  test('installs a catalog servlet by name, with consent and the usual flags', async () => {
    const catalog = await catalogDir();
    const home = temporaryHome();
    const installed = cli(['install', 'memory', '--yes'], home, catalog);
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /Servlet memory 0\.1\.0/);
    assert.match(installed.stdout, /source: {4}catalog:memory \(.*memory\.wasm\)/);
    assert.match(installed.stdout, /granted: its own storage/);
    const list = JSON.parse(cli(['list', '--json'], home, catalog).stdout) as { name: string; digest: string }[];
    assert.deepEqual(list.map((s) => [s.name, s.digest]), [['memory', memoryEntry.digest]]);

    // The narrowing flags work as for a file: a second copy without its storage.
    const narrowed = cli(['install', 'memory', '--name', 'memory-bare', '--deny', 'storage'], home, catalog);
    assert.equal(narrowed.status, 0, narrowed.stderr);
    assert.match(narrowed.stdout, /installed memory-bare .*\n {2}granted: nothing/);
  });

  test('refuses a component whose digest is not the catalog’s, before running it', async () => {
    const catalog = await catalogDir([], (dir) => {
      const tampered = Buffer.concat([memoryBytes, Buffer.from([0])]);
      writeFileSync(join(dir, 'memory.wasm'), tampered);
    });
    const home = temporaryHome();
    const refused = cli(['install', 'memory', '--yes'], home, catalog);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /refusing to install memory: its component .*memory\.wasm has digest sha256:[0-9a-f]{64}, but the catalog .* says sha256:/);
    assert.match(refused.stderr, /npm run build:servlets/);
    assert.doesNotMatch(refused.stdout, /Servlet memory/, 'nothing was inspected or shown');
    assert.deepEqual(JSON.parse(cli(['list', '--json'], home, catalog).stdout), []);

    // Swapping in another genuine component is refused the same way.
    const swapped = await catalogDir([], (dir) => copyFileSync(join(dir, 'time.wasm'), join(dir, 'memory.wasm')));
    assert.match(cli(['install', 'memory', '--yes'], home, swapped).stderr, /refusing to install memory/);
  });

  test('refuses a catalog entry that understates what the component requests, or renames it', async () => {
    const catalog = await catalogDir();
    const file = JSON.parse(readFileSync(catalog, 'utf8'));
    file.servlets[0].capabilities = {}; // memory's entry, digest still right: "asks for nothing"
    writeFileSync(catalog, JSON.stringify(file));
    const refused = cli(['install', 'memory', '--yes'], temporaryHome(), catalog);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /refusing to install memory: the catalog's list of its requested capabilities differs from the manifest inside the component/);

    file.servlets[0].capabilities = memoryEntry.capabilities;
    file.servlets[0].name = 'notes';
    writeFileSync(catalog, JSON.stringify(file));
    const renamed = cli(['install', 'notes', '--yes'], temporaryHome(), catalog);
    assert.equal(renamed.status, 1);
    assert.match(renamed.stderr, /refusing to install notes: the component inside calls itself "memory"/);
  });

  test('an unknown name lists what is available; a missing component says to build', async () => {
    const catalog = await catalogDir([HOSTILE]);
    const home = temporaryHome();
    const unknown = cli(['install', 'nosuch', '--yes'], home, catalog);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /no servlet named "nosuch" in the catalog .*catalog\.json \(available: memory, time, sneaky\)/);
    const missing = cli(['install', 'sneaky', '--yes'], home, catalog);
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /the catalog lists sneaky, but its component .*sneaky\.wasm is missing: run `npm run build:servlets`/);
  });
});
