/**
 * Builds a C servlet into an Extism plugin with clang-19 for wasm32-wasi (wasi-libc), as a reactor
 * (no main: the host calls its exports), with mcp_wasm.h on the include path. The system toolchain
 * is used as it is: Debian's clang-19, lld-19, wasi-libc and libclang-rt-19-dev-wasm32.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BuildError } from './build-error.js';
import { runCompiler } from './compiler-process.js';
import { checkServletModule } from './core-module.js';
import { cSources } from './language.js';
import { C_PDK_DIR } from './pdk.js';

/** The compiler `mcp-wasm build` runs for C. */
export const CLANG = 'clang-19';

const INSTALL_HINT = 'install clang-19 lld-19 wasi-libc libclang-rt-19-dev-wasm32 with apt-get (see docs/authoring-c-as.md)';

/** Output of a failed link or compile that means a missing part of the toolchain, not a mistake in the code. */
const MISSING_TOOLCHAIN = /wasm-ld|invalid linker name|libclang_rt|crt1[-\w]*\.o|unable to find library -lc\b|'(stdio|stdlib|string)\.h' file not found/;

/** Compiles every `src/*.c` of `dir` into a core module (without the manifest section). */
export async function buildC(dir: string, say: (step: string) => void): Promise<Uint8Array> {
  const sources = await cSources(dir);
  if (sources.length === 0) throw new BuildError(`no C source in ${join(dir, 'src')}: create src/main.c (run \`mcp-wasm new <name> --lang c\` for a starting point)`);
  const work = await mkdtemp(join(tmpdir(), 'mcp-wasm-build-c-'));
  try {
    const out = join(work, 'servlet.wasm');
    say(`compiling ${sources.map((source) => relative(dir, source)).join(' ')} with ${CLANG}`);
    const run = await runCompiler(
      CLANG,
      [
        '--target=wasm32-wasi',
        '-mexec-model=reactor',
        '-O2',
        '-Wall',
        '-I',
        C_PDK_DIR,
        // Names and debug info stay out: a smaller artifact, and nothing of the build machine in it.
        '-Wl,--strip-all',
        '-o',
        out,
        ...sources,
      ],
      dir,
    );
    if (run.missing) throw new BuildError(`${CLANG} is not installed: ${INSTALL_HINT}`);
    if (run.code !== 0) {
      const hint = MISSING_TOOLCHAIN.test(run.output) ? `\nThe C toolchain for WebAssembly is incomplete: ${INSTALL_HINT}` : '';
      throw new BuildError(`the servlet does not compile (${CLANG}):\n${run.output.trimEnd()}${hint}`);
    }
    const bytes = new Uint8Array(await readFile(out));
    checkServletModule(bytes, 'C');
    return bytes;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
