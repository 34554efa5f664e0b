/**
 * Builds an AssemblyScript servlet into an Extism plugin with the AssemblyScript compiler (asc,
 * an npm dependency of this package, run in this process). The entry is `assembly/index.ts`; the
 * library `@mcp-wasm/as-pdk` is on the package path. The options are fixed, not read from
 * asconfig.json: they are what keeps the module an Extism plugin (its own memory, no `env` imports).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildError } from './build-error.js';
import { checkServletModule } from './core-module.js';
import { AS_ABORT, AS_PDK_PATH } from './pdk.js';

type Asc = typeof import('assemblyscript/asc');

async function loadCompiler(): Promise<Asc> {
  try {
    return await import('assemblyscript/asc');
  } catch {
    throw new BuildError('the AssemblyScript compiler is missing: run `npm install` where mcp-wasm is installed (it depends on assemblyscript 0.28.20)');
  }
}

/** Compiles `dir/assembly/index.ts` into a core module (without the manifest section). */
export async function buildAssemblyScript(dir: string, say: (step: string) => void): Promise<Uint8Array> {
  const entry = join('assembly', 'index.ts');
  if (!existsSync(join(dir, entry))) {
    throw new BuildError(`no AssemblyScript source in ${dir}: create assembly/index.ts (run \`mcp-wasm new <name> --lang as\` for a starting point)`);
  }
  const asc = await loadCompiler();
  const work = await mkdtemp(join(tmpdir(), 'mcp-wasm-build-as-'));
  try {
    const out = join(work, 'servlet.wasm');
    say(`compiling ${entry} with asc`);
    let output = '';
    const collect = asc.createMemoryStream((chunk) => (output += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)));
    const result = await asc.main(
      [entry, '--baseDir', dir, '--outFile', out, '--path', AS_PDK_PATH, '--use', AS_ABORT, '-O3s', '--noColors'],
      { stdout: collect, stderr: collect },
    );
    if (result.error) {
      throw new BuildError(`the servlet does not compile (asc):\n${output.trimEnd() || result.error.message}`);
    }
    const bytes = new Uint8Array(await readFile(out));
    checkServletModule(bytes, 'AssemblyScript');
    return bytes;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
