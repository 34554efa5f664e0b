/**
 * `mcp-wasm build`: compiles a servlet from source, whatever its language (see language.ts), and
 * embeds its manifest as the `mcp-wasm:manifest` custom section, so the artifact's digest covers
 * what it requests. TypeScript becomes a component; C and AssemblyScript become Extism plugins
 * (core modules), whose custom section has the same encoding.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { embedManifest, type Manifest } from '@mcp-wasm/host';
import { buildAssemblyScript } from './build-assemblyscript.js';
import { buildC } from './build-c.js';
import { BuildError } from './build-error.js';
import { buildTypeScript } from './build-typescript.js';
import { detectLanguage, type ServletLanguage } from './language.js';
import { readServletManifest } from './servlet-manifest.js';

export { BuildError };

/** Options for one build. */
export interface BuildOptions {
  /** The servlet's directory (holds servlet.json and its sources). */
  dir: string;
  /** Where to write the artifact; default `<dir>/dist/<name>.wasm`. */
  out?: string;
  /** Hears each step, for progress output. */
  onProgress?: (step: string) => void;
  /**
   * For tests only (the escape suite): interfaces to import beyond what the manifest requests, such
   * as `wasi:cli/environment@0.2.12`, so a test can build a guest the host must refuse or starve.
   * TypeScript servlets only. Never set by `mcp-wasm build`.
   */
  extraImports?: readonly string[];
}

/** What a build produced. */
export interface BuildResult {
  /** The servlet's name (from servlet.json or package.json, without scope). */
  name: string;
  /** The language it was written in. */
  language: ServletLanguage;
  /** The manifest embedded in the artifact. */
  manifest: Manifest;
  /** Path of the artifact. */
  out: string;
  /** Its size in bytes. */
  bytes: number;
}

/** Builds the servlet in `options.dir`. */
export async function buildServlet(options: BuildOptions): Promise<BuildResult> {
  const dir = resolve(options.dir);
  const say = options.onProgress ?? (() => {});
  const manifest = await readServletManifest(dir);
  const language = await detectLanguage(dir, manifest);
  // `language` steers this build only; the person installing the servlet has no use for it.
  const { language: _language, ...embedded } = manifest;
  const name = manifest.name ?? basename(dir);
  const out = resolve(options.out ?? join(dir, 'dist', `${name}.wasm`));
  let binary: Uint8Array;
  if (language === 'c') binary = await buildC(dir, say);
  else if (language === 'assemblyscript') binary = await buildAssemblyScript(dir, say);
  else binary = await buildTypeScript(dir, embedded, say, options.extraImports);
  await mkdir(dirname(out), { recursive: true });
  const artifact = embedManifest(binary, embedded);
  await writeFile(out, artifact);
  say(`wrote ${out}`);
  return { name, language, manifest: embedded, out, bytes: artifact.length };
}
