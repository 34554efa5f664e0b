/**
 * Reads what a servlet requests from its source directory: `servlet.json` (the manifest, validated
 * by the host's own schema), completed with name, version and description from package.json.
 */
import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { HostError, parseManifest, type Manifest } from '@mcp-wasm/host';
import { BuildError } from './build-error.js';

/** File name of the manifest in a servlet's directory. */
export const MANIFEST_FILE = 'servlet.json';

interface PackageJson {
  name?: string;
  version?: string;
  description?: string;
  author?: string | { name?: string };
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BuildError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/** The manifest of the servlet in `dir`: `servlet.json` if present (else no capabilities), with package.json's identity. */
export async function readServletManifest(dir: string): Promise<Manifest> {
  const pkg = ((await readJson(join(dir, 'package.json'))) ?? {}) as PackageJson;
  const declared = ((await readJson(join(dir, MANIFEST_FILE))) ?? {}) as Record<string, unknown>;
  const packageName = pkg.name?.replace(/^@[^/]+\//, '').replace(/^servlet-/, '');
  const author = typeof pkg.author === 'string' ? pkg.author : pkg.author?.name;
  const merged = {
    name: packageName ?? basename(resolve(dir)).toLowerCase(),
    ...(pkg.version ? { version: pkg.version } : {}),
    ...(pkg.description ? { description: pkg.description } : {}),
    ...(author ? { publisher: author } : {}),
    ...declared,
  };
  try {
    return parseManifest(merged, join(dir, MANIFEST_FILE));
  } catch (error) {
    if (error instanceof HostError) throw new BuildError(error.message);
    throw error;
  }
}
