/** `mcp-wasm build [dir]`: build a TypeScript servlet into a component. */
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
    .description('build a TypeScript servlet into a WebAssembly component')
    .argument('[dir]', "the servlet's directory", '.')
    .option('-o, --out <file.wasm>', 'where to write the component (default: <dir>/dist/<name>.wasm)')
    .addHelpText(
      'after',
      `
The servlet's source is src/index.ts (or src/servlet.ts); its default export is defineServlet(...)
from @mcp-wasm/sdk. Building bundles it with esbuild and compiles it with componentize-js, which
takes several seconds. What the servlet may ask of the host (files, network, config, secrets,
storage, sampling, elicitation, limits) is declared in servlet.json next to package.json; the
build generates the component's imports from it and embeds it, so install shows it to the person.

Example:
  mcp-wasm build servlets/hello`,
    )
    .action(async (dir: string, options: { out?: string }) => {
      const printer = progressPrinter();
      let result;
      try {
        result = await buildServlet({ dir, out: options.out, onProgress: (step) => printer.step(step) });
      } finally {
        printer.done(); // once, before the result line, so the ticking clock never overwrites it
      }
      process.stdout.write(`${result.out} (${(result.bytes / 1e6).toFixed(1)} MB)\n`);
    });
}
