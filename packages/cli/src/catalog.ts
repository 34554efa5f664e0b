/**
 * The first-party catalog: one JSON file listing the servlets `mcp-wasm install <name>` can install
 * by name, each with its identity, what it requests, and the SHA-256 of its built component.
 * `npm run build:servlets` writes it (servlets/dist/catalog.json in a source checkout);
 * `MCP_WASM_CATALOG` points the CLI at another one.
 *
 * The digest is what makes a name safe to install: the component is checked against it before it
 * is read any further (see catalog-source.ts), so a swapped or corrupted artifact is refused.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { escapeLine, parseManifest, type Manifest } from '@mcp-wasm/host';
import { UserError } from './user-error.js';

/** One servlet of the catalog. */
export interface CatalogEntry {
  name: string;
  version?: string;
  description?: string;
  /** What the servlet requests, as in its manifest (shown by `list --available`). */
  capabilities: Manifest['capabilities'];
  /** SHA-256 of the component, lowercase hex. */
  digest: string;
  /** Where the component is: a path relative to the catalog file, or an https URL. */
  artifact: string;
  /** Hash of the sources it was built from, so the build script rebuilds only what changed. */
  sourceHash?: string;
}

/** The catalog file. */
export interface Catalog {
  version: 1;
  servlets: CatalogEntry[];
}

/** Where the CLI looks for the catalog: `MCP_WASM_CATALOG`, else next to the first-party servlets of this checkout. */
export function catalogPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.MCP_WASM_CATALOG) return resolve(env.MCP_WASM_CATALOG);
  // packages/cli/dist/catalog.js → <repo>/servlets/dist/catalog.json
  return fileURLToPath(new URL('../../../servlets/dist/catalog.json', import.meta.url));
}

/** SHA-256 of `bytes`, lowercase hex (the digest the host computes for a component). */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function entryFrom(raw: unknown, path: string, index: number): CatalogEntry {
  const where = `${path}, servlet ${index + 1}`;
  if (typeof raw !== 'object' || raw === null) throw new UserError(`${where} is not an object: rebuild the catalog with \`npm run build:servlets\``);
  const { digest, artifact, sourceHash, ...identity } = raw as Record<string, unknown>;
  if (typeof digest !== 'string' || !/^[0-9a-f]{64}$/.test(digest)) throw new UserError(`${where} has no valid sha256 digest: rebuild the catalog`);
  if (typeof artifact !== 'string' || artifact === '') throw new UserError(`${where} names no artifact: rebuild the catalog`);
  // The identity and requests go through the manifest's own schema: same names, limits and checks.
  const manifest = parseManifest(identity, where);
  if (!manifest.name) throw new UserError(`${where} has no name: rebuild the catalog`);
  return {
    name: manifest.name,
    ...(manifest.version ? { version: manifest.version } : {}),
    ...(manifest.description ? { description: manifest.description } : {}),
    capabilities: manifest.capabilities,
    digest,
    artifact,
    ...(typeof sourceHash === 'string' ? { sourceHash } : {}),
  };
}

/** Reads and checks the catalog at `path`; undefined when there is no file. */
export async function readCatalog(path: string): Promise<Catalog | undefined> {
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new UserError(`the catalog ${path} is not readable JSON (${(error as Error).message}): rebuild it with \`npm run build:servlets\``);
  }
  const file = json as { version?: unknown; servlets?: unknown };
  if (file.version !== 1 || !Array.isArray(file.servlets)) throw new UserError(`${path} is not a catalog this version understands: rebuild it with \`npm run build:servlets\``);
  const servlets = file.servlets.map((raw, index) => entryFrom(raw, path, index));
  const names = new Set<string>();
  for (const entry of servlets) {
    if (names.has(entry.name)) throw new UserError(`${path} lists "${escapeLine(entry.name)}" twice: rebuild the catalog`);
    names.add(entry.name);
  }
  return { version: 1, servlets };
}

/** The catalog at `path`, or a message saying how to get one. */
export async function requireCatalog(path: string): Promise<Catalog> {
  const catalog = await readCatalog(path);
  if (!catalog) {
    throw new UserError(`no servlet catalog at ${path}: in a source checkout run \`npm run build:servlets\`, or set MCP_WASM_CATALOG to a catalog file`);
  }
  return catalog;
}

/** Writes `catalog` to `path` atomically (a reader sees the old file or the new one). */
export async function writeCatalog(path: string, catalog: Catalog): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const staging = `${path}.${process.pid}.tmp`;
  await writeFile(staging, `${JSON.stringify(catalog, null, 2)}\n`);
  await rename(staging, path);
}

/** The catalog entry for a built component: identity and requests from its manifest, digest of its bytes. */
export function catalogEntry(manifest: Manifest, bytes: Uint8Array, artifact: string, sourceHash?: string): CatalogEntry {
  if (!manifest.name) throw new Error('a catalog entry needs the servlet name from its manifest');
  return {
    name: manifest.name,
    ...(manifest.version ? { version: manifest.version } : {}),
    ...(manifest.description ? { description: manifest.description } : {}),
    capabilities: manifest.capabilities,
    digest: sha256(bytes),
    artifact,
    ...(sourceHash ? { sourceHash } : {}),
  };
}
