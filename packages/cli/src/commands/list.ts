/** `mcp-wasm list`: the installed servlets and what each may do. */
import type { Command } from 'commander';
import { describeGrants, escapeLine } from '@mcp-wasm/host';
import { readState, resolveHome } from '@mcp-wasm/node';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the installed servlets and their grants')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean }) => {
      const home = resolveHome();
      const servlets = Object.values((await readState(home)).servlets);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(servlets, null, 2)}\n`);
      } else if (servlets.length === 0) {
        process.stdout.write(`no servlets installed in ${home.root}: install one with \`mcp-wasm install <file.wasm>\`\n`);
      } else {
        for (const s of servlets) {
          const version = s.manifest.version ? ` ${escapeLine(s.manifest.version)}` : '';
          process.stdout.write(`${s.name}${version}  sha256:${s.digest.slice(0, 16)}…  from ${s.source}\n  granted: ${describeGrants(s.grants).join('; ')}\n`);
        }
      }
    });
}
