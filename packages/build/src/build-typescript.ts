/**
 * Builds a TypeScript servlet into a component: bundle the servlet with its dependencies (esbuild),
 * wrap it in the MCP-WASM exports, and compile the JavaScript engine and the bundle into one
 * component (componentize-js). The last step takes several seconds.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { componentize } from '@bytecodealliance/componentize-js';
import { build as bundle } from 'esbuild';
import type { Manifest } from '@mcp-wasm/host';
import { BuildError } from './build-error.js';
import { BUILD_WORLD, writeBuildWit } from './wit-world.js';

const ENTRY_CANDIDATES = ['src/index.ts', 'src/servlet.ts', 'src/index.js', 'index.ts', 'index.js'];

/** Where this package's own node_modules are, so servlets outside the repository still find the SDK. */
const OWN_NODE_MODULES = [
  fileURLToPath(new URL('../node_modules', import.meta.url)),
  fileURLToPath(new URL('../../../node_modules', import.meta.url)),
];

/** Compiles the TypeScript servlet in `dir` into a component (without the manifest section). */
export async function buildTypeScript(
  dir: string,
  manifest: Manifest,
  say: (step: string) => void,
  extraImports?: readonly string[],
): Promise<Uint8Array> {
  const entry = ENTRY_CANDIDATES.map((candidate) => join(dir, candidate)).find((path) => existsSync(path));
  if (!entry) {
    throw new BuildError(`no servlet source in ${dir}: create src/index.ts (run \`mcp-wasm new <name>\` for a starting point)`);
  }
  const work = await mkdtemp(join(tmpdir(), 'mcp-wasm-build-'));
  try {
    say(`bundling ${entry}`);
    const wrapper = join(work, 'entry.js');
    await writeFile(
      wrapper,
      [
        `import servlet from ${JSON.stringify(entry)};`,
        `import { servletExports } from '@mcp-wasm/sdk/exports';`,
        `const exported = servletExports(servlet);`,
        `export const tools = exported.tools;`,
        `export const resources = exported.resources;`,
        `export const prompts = exported.prompts;`,
        `export const completion = exported.completion;`,
        '',
      ].join('\n'),
    );
    const bundled = join(work, 'servlet.js');
    try {
      await bundle({
        entryPoints: [wrapper],
        outfile: bundled,
        bundle: true,
        format: 'esm',
        platform: 'neutral',
        target: 'es2022',
        mainFields: ['module', 'main'],
        external: ['wasi:*', 'mcp-wasm:*'],
        nodePaths: OWN_NODE_MODULES,
        logLevel: 'silent',
      });
    } catch (error) {
      const errors = (error as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors ?? [];
      const first = errors[0];
      const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
      throw new BuildError(`the servlet does not compile: ${first?.text ?? (error as Error).message}${where}`);
    }
    say('compiling the component (this takes a few seconds)');
    // Interfaces that need no grant are imported only by a servlet that uses them.
    const used = (await readFile(bundled, 'utf8')).includes('mcp-wasm:servlet/notify@0.1.0') ? ['mcp-wasm:servlet/notify@0.1.0'] : [];
    const witPath = await writeBuildWit(work, manifest, [...(extraImports ?? []), ...used]);
    try {
      const { component } = await componentize({
        sourcePath: bundled,
        witPath,
        worldName: BUILD_WORLD,
        // Deny by default: the engine's own stdio and fetch stay off; the SDK reaches granted
        // capabilities through the interfaces the generated world imports.
        disableFeatures: ['stdio', 'http', 'fetch-event'],
      });
      return component;
    } catch (error) {
      throw new BuildError(`componentize-js could not build the servlet: ${(error as Error).message.split('\n')[0]}`);
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
