/**
 * Prepares MCP_WASM_HOME directories with N echo servlets installed. The first one goes through the
 * real `mcp-wasm install` (consent, checks, pins, transpile cache); the others are copies of its
 * record (and of its stored listing) under other names. Installing 100 servlets one by one would take minutes of CLI start-up,
 * and every copy is exactly what install would write for the same component under another name.
 */
import { spawnSync } from 'node:child_process';
import { link, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readListing, resolveHome, updateState, writeListing } from '@mcp-wasm/node';
import { CLI, ROOT } from './servers.js';

/** Name of the i-th servlet (0-based) of a prepared home: `echo`, `echo-2`, `echo-3`… */
export function servletName(index: number): string {
  return index === 0 ? 'echo' : `echo-${index + 1}`;
}

/** Homes created in this run, removed by `removeHomes`. */
const created: string[] = [];

/** A new home with `count` copies of the component at `wasm` installed, its transpile cache warm. */
export async function prepareHome(wasm: string, count: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `mcp-wasm-bench-${count}-`));
  created.push(root);
  const install = spawnSync(process.execPath, [CLI, 'install', wasm, '--name', servletName(0), '--yes', '--quiet'], {
    cwd: ROOT,
    env: { ...process.env, MCP_WASM_HOME: root },
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`mcp-wasm install failed (${install.status}): ${install.stderr}`);
  const home = resolveHome({ MCP_WASM_HOME: root });
  await updateState(home, async (state) => {
    const first = state.servlets[servletName(0)];
    if (!first) throw new Error('mcp-wasm install wrote no state for the echo servlet');
    const listing = await readListing(home, first.name, first.digest);
    if (!listing) throw new Error('mcp-wasm install stored no listing for the echo servlet');
    for (let index = 1; index < count; index++) {
      const name = servletName(index);
      const file = `servlets/${name}-${first.digest.slice(0, 16)}.wasm`;
      // A hard link: the same bytes under the file name install would choose, without 18 MB of disk per copy.
      await link(join(root, first.file), join(root, file));
      state.servlets[name] = { ...first, name, file, installedAt: new Date().toISOString() };
      await writeListing(home, name, first.digest, listing);
    }
  });
  return root;
}

/** A new home with the component at `wasm` installed as `name` through the real `mcp-wasm install` with `flags` (grants). */
export async function installedHome(wasm: string, name: string, flags: readonly string[] = ['--yes']): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `mcp-wasm-bench-${name}-`));
  created.push(root);
  const install = spawnSync(process.execPath, [CLI, 'install', wasm, '--name', name, '--quiet', ...flags], {
    cwd: ROOT,
    env: { ...process.env, MCP_WASM_HOME: root },
    encoding: 'utf8',
  });
  if (install.status !== 0) throw new Error(`mcp-wasm install ${name} failed (${install.status}): ${install.stderr}`);
  return root;
}

/** The transpile cache of a home: empty it for cold-cache runs. */
export function transpileCache(root: string): string {
  return resolveHome({ MCP_WASM_HOME: root }).transpileCache;
}

/** Empties the transpile cache of the home at `root`. */
export async function clearTranspileCache(root: string): Promise<void> {
  await rm(transpileCache(root), { recursive: true, force: true });
}

/** Removes every home this run created. */
export async function removeHomes(): Promise<void> {
  await Promise.all(created.splice(0).map((root) => rm(root, { recursive: true, force: true })));
}
