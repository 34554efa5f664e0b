/** `mcp-wasm install <file>`: copy a component into the home so that `serve` offers it. */
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { checkComponent } from '@mcp-wasm/host';
import { readState, resolveHome, SERVLET_NAME, servletNameFromFile, writeState } from '@mcp-wasm/node';
import { UserError } from '../user-error.js';

export function registerInstall(program: Command): void {
  program
    .command('install')
    .description('install a component file into the home, so that `mcp-wasm serve` offers its tools')
    .argument('<file.wasm>', 'the component to install')
    .option('--name <name>', 'servlet name, the prefix of its tools (default: from the file name)')
    .option('--force', 'replace a servlet of the same name')
    .option('--quiet', 'print nothing on success')
    .addHelpText('after', '\nExample:\n  mcp-wasm install dist/hello.wasm --name hello')
    .action(async (file: string, options: { name?: string; force?: boolean; quiet?: boolean }) => {
      const home = resolveHome();
      const name = options.name ?? servletNameFromFile(file);
      if (!SERVLET_NAME.test(name)) {
        throw new UserError(`"${name}" is not a valid servlet name: use lowercase letters, digits and dashes, starting with a letter (at most 32)`);
      }
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch {
        throw new UserError(`cannot read ${file}: check the path`);
      }
      const { digest } = await checkComponent(bytes, file);
      const state = await readState(home);
      if (state.servlets[name]?.digest === digest) {
        if (!options.quiet) process.stdout.write(`${name} is already installed with this exact component (sha256:${digest.slice(0, 16)}…)\n`);
        return;
      }
      if (state.servlets[name] && !options.force) {
        throw new UserError(`a servlet named "${name}" is already installed: pass --force to replace it, or --name to pick another name`);
      }
      const relative = join('servlets', `${name}-${digest.slice(0, 16)}.wasm`);
      await mkdir(home.servlets, { recursive: true });
      await copyFile(file, join(home.root, relative));
      const previous = state.servlets[name];
      state.servlets[name] = { name, file: relative, digest, source: file, installedAt: new Date().toISOString() };
      await writeState(home, state);
      if (previous && previous.file !== relative) await rm(join(home.root, previous.file), { force: true });
      if (!options.quiet) process.stdout.write(`installed ${name} (sha256:${digest.slice(0, 16)}…) into ${home.root}\n`);
    });
}
