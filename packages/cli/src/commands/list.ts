/** `mcp-wasm list`: the installed servlets and what each may do; with `--available`, the catalog's servlets. */
import type { Command } from 'commander';
import { describeGrants, escapeLine } from '@mcp-wasm/host';
import { readState, resolveHome } from '@mcp-wasm/node';
import { listAvailable } from './list-available.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list the installed servlets and their grants (--available: the servlets of the catalog)')
    .option('--available', 'list the first-party catalog instead: what each servlet requests, and whether it is installed')
    .option('--json', 'print them as JSON')
    .action(async (options: { json?: boolean; available?: boolean }) => {
      const home = resolveHome();
      if (options.available) {
        await listAvailable(home, Boolean(options.json));
        return;
      }
      const servlets = Object.values((await readState(home)).servlets);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(servlets, null, 2)}\n`);
      } else if (servlets.length === 0) {
        process.stdout.write(`no servlets installed in ${home.root}: install one with \`mcp-wasm install <file.wasm>\`, or see \`mcp-wasm list --available\`\n`);
      } else {
        for (const s of servlets) {
          const version = s.manifest.version ? ` ${escapeLine(s.manifest.version)}` : '';
          process.stdout.write(`${s.name}${version}  sha256:${s.digest.slice(0, 16)}…  from ${s.source}\n  granted: ${describeGrants(s.grants).join('; ')}\n`);
        }
      }
    });
}
