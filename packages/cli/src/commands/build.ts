/** `mcp-wasm build [dir]`: build a servlet (TypeScript, C or AssemblyScript) from source. */
import type { Command } from 'commander';
import { buildServlet } from '@mcp-wasm/build';

/** Prints build steps with the time elapsed; on a terminal, a ticking clock shows it is still working. */
function progressPrinter(): { step(text: string): void; done(): void } {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  let current = '';
  const tty = process.stderr.isTTY;
  const timer = tty ? setInterval(() => process.stderr.write(`\r  ${current} … ${elapsed()}`), 250) : undefined;
  return {
    step(text) {
      if (tty && current) process.stderr.write('\n');
      current = text;
      process.stderr.write(tty ? `  ${text}` : `  ${text} (${elapsed()})\n`);
    },
    done() {
      if (timer) clearInterval(timer);
      if (tty) process.stderr.write('\n');
    },
  };
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build a servlet (TypeScript, C or AssemblyScript) into WebAssembly')
    .argument('[dir]', "the servlet's directory", '.')
    .option('-o, --out <file.wasm>', 'where to write it (default: <dir>/dist/<name>.wasm)')
    .addHelpText(
      'after',
      `
The language is found from the directory (or set with "language" in servlet.json):
  assembly/ or asconfig.json  AssemblyScript: assembly/index.ts, compiled with asc and the
                              @mcp-wasm/as-pdk library into an Extism plugin (asconfig.json is
                              not read: the options that keep it a plugin are fixed)
  src/*.c                     C: every src/*.c, compiled with clang-19 for wasm32-wasi with
                              mcp_wasm.h into an Extism plugin (needs clang-19 lld-19 wasi-libc
                              libclang-rt-19-dev-wasm32 from apt-get)
  otherwise                   TypeScript: src/index.ts (or src/servlet.ts), whose default export is
                              defineServlet(...) from @mcp-wasm/sdk, bundled with esbuild and
                              compiled into a component by componentize-js (several seconds)
What the servlet may ask of the host (files, network, config, secrets, storage, sampling,
elicitation, limits) is declared in servlet.json; the build embeds it, so install shows it to the
person. For TypeScript it also generates the component's imports from it. See
docs/authoring-c-as.md for C and AssemblyScript.

Examples:
  mcp-wasm build servlets/hello
  mcp-wasm build test/fixtures/servlets-c/c-probe`,
    )
    .action(async (dir: string, options: { out?: string }) => {
      const printer = progressPrinter();
      let result;
      try {
        result = await buildServlet({ dir, out: options.out, onProgress: (step) => printer.step(step) });
      } finally {
        printer.done(); // once, before the result line, so the ticking clock never overwrites it
      }
      const size = result.bytes < 1e6 ? `${(result.bytes / 1e3).toFixed(0)} kB` : `${(result.bytes / 1e6).toFixed(1)} MB`;
      process.stdout.write(`${result.out} (${size})\n`);
    });
}
