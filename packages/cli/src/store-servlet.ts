/**
 * Puts a consented servlet into the home: the component first (under a name derived from its
 * digest, written atomically), then its approved listing and the state that points at it, under
 * the home's lock. A kill at
 * any moment leaves the previous state or the new one; at worst an unreferenced component file.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pinTools, type Grants } from '@mcp-wasm/host';
import { removeListing, updateState, writeFileAtomic, writeListing, type HomePaths, type InstalledServlet } from '@mcp-wasm/node';
import type { InspectedServlet } from './servlet-source.js';

/** Stores `servlet` as `name` with `grants`; returns the record written. Keeps config values set earlier. */
export async function storeServlet(home: HomePaths, name: string, servlet: InspectedServlet, source: string, grants: Grants): Promise<InstalledServlet> {
  const relative = join('servlets', `${name}-${servlet.digest.slice(0, 16)}.wasm`);
  await writeFileAtomic(join(home.root, relative), servlet.bytes, 0o600);
  const pins = await pinTools(servlet.tools);
  let replaced: string | undefined;
  const record = await updateState(home, async (state) => {
    const previous = state.servlets[name];
    const config = Object.fromEntries(
      Object.entries(previous?.config ?? {}).filter(([key]) => servlet.manifest.capabilities.config?.some((entry) => entry.key === key)),
    );
    const installed: InstalledServlet = {
      name,
      file: relative,
      digest: servlet.digest,
      source,
      installedAt: new Date().toISOString(),
      manifest: servlet.manifest,
      manifestSource: servlet.manifestSource,
      ...(servlet.format ? { format: servlet.format } : {}),
      grants,
      config,
      pins,
    };
    if (previous && previous.file !== relative) replaced = previous.file;
    // The listing the person approved, beside the state (see listing-store.ts), under the same lock:
    // `serve` lists from it without starting the servlet. Without one, serve lists live.
    if (servlet.listing) await writeListing(home, name, servlet.digest, servlet.listing);
    else await removeListing(home, name);
    state.servlets[name] = installed;
    return installed;
  });
  if (replaced) await rm(join(home.root, replaced), { force: true });
  return record;
}
