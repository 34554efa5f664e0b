/**
 * `mcp-wasm install <name>`: a bare servlet name (not a file, not a URL) is looked up in the
 * catalog, and its component is read and checked against the catalog's digest before anything else
 * happens to it: before it is parsed, compiled or run to list its tools. A component whose digest
 * differs is refused, whatever it contains.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { escapeLine, type Manifest } from '@mcp-wasm/host';
import { SERVLET_NAME } from '@mcp-wasm/node';
import { catalogPath, requireCatalog, sha256, type CatalogEntry } from './catalog.js';
import { readSource } from './servlet-source.js';
import { UserError } from './user-error.js';

/** A component found in the catalog, its bytes already verified. */
export interface CatalogSource {
  entry: CatalogEntry;
  bytes: Uint8Array;
  /** The component's path or URL. */
  location: string;
  /** Where it came from, for the install page and the state: `catalog:<name> (<artifact>)`. */
  label: string;
}

/** Whether `source` names a catalog servlet: a servlet name that is neither a URL nor an existing file. */
export function isCatalogName(source: string): boolean {
  return SERVLET_NAME.test(source) && !existsSync(source);
}

/** Where an entry's artifact is: a URL as it is, a path relative to the catalog's directory. */
function artifactLocation(entry: CatalogEntry, catalogFile: string): string {
  return /^https?:\/\//i.test(entry.artifact) ? entry.artifact : resolve(dirname(catalogFile), entry.artifact);
}

/** Finds `name` in the catalog and returns its component, verified against the catalog's digest. */
export async function readFromCatalog(name: string, env: NodeJS.ProcessEnv = process.env): Promise<CatalogSource> {
  const path = catalogPath(env);
  const catalog = await requireCatalog(path);
  const entry = catalog.servlets.find((candidate) => candidate.name === name);
  if (!entry) {
    const available = catalog.servlets.map((candidate) => candidate.name).join(', ') || 'none';
    throw new UserError(`no servlet named "${escapeLine(name)}" in the catalog ${path} (available: ${available}); to install a file, give its path (./${escapeLine(name)}.wasm)`);
  }
  const location = artifactLocation(entry, path);
  if (!/^https?:/i.test(location) && !existsSync(location)) {
    throw new UserError(`the catalog lists ${name}, but its component ${location} is missing: run \`npm run build:servlets\` to build it`);
  }
  const bytes = await readSource(location);
  const digest = sha256(bytes);
  if (digest !== entry.digest) {
    throw new UserError(
      `refusing to install ${name}: its component ${location} has digest sha256:${digest}, but the catalog ${path} says sha256:${entry.digest}. ` +
        'The file changed after the catalog was written (rebuilt, replaced or tampered with): run `npm run build:servlets` to rebuild both, then install again',
    );
  }
  return { entry, bytes, location, label: `catalog:${name} (${location})` };
}

/**
 * Refuses a catalog component whose embedded manifest does not match its catalog entry: the entry
 * is what `list --available` shows people, so it must not rename the servlet or understate what it
 * requests.
 */
export function checkCatalogEntry(entry: CatalogEntry, embedded: Manifest): void {
  if (embedded.name !== entry.name) {
    throw new UserError(`refusing to install ${entry.name}: the component inside calls itself "${escapeLine(embedded.name ?? '(no name)')}"; rebuild the catalog with \`npm run build:servlets\``);
  }
  // Both sides went through the manifest schema (readCatalog, checkComponent), which writes keys in
  // its own order, so equal requests serialise to equal text.
  if (JSON.stringify(entry.capabilities) !== JSON.stringify(embedded.capabilities)) {
    throw new UserError(`refusing to install ${entry.name}: the catalog's list of its requested capabilities differs from the manifest inside the component; rebuild the catalog with \`npm run build:servlets\``);
  }
}
