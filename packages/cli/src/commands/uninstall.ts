/** `mcp-wasm uninstall <servlet>`: remove a servlet with its storage and secrets, after confirmation. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { isYes } from '@mcp-wasm/host';
import { removeListing, removeStorage, resolveHome, SecretStore, updateState } from '@mcp-wasm/node';
import { requireInstalled } from '../installed.js';
import { askOnce } from '../tty-prompter.js';
import { UserError } from '../user-error.js';

export function registerUninstall(program: Command): void {
  program
    .command('uninstall')
    .description('remove an installed servlet, its storage and its secrets')
    .argument('<servlet>', 'the installed servlet')
    .option('-y, --yes', 'remove without asking')
    .action(async (name: string, options: { yes?: boolean }) => {
      const home = resolveHome();
      await requireInstalled(home, name);
      if (!options.yes) {
        const answer = await askOnce(`Remove ${name}, its stored data and its secrets? This cannot be undone. [y/N] `);
        if (answer === undefined) throw new UserError(`${name} was not removed: there is no terminal to confirm; run again with --yes`);
        if (!isYes(answer)) throw new UserError(`${name} was not removed: you declined`);
      }
      // The state goes first: once it no longer lists the servlet nothing serves it, and a kill
      // later leaves only unreferenced files behind, never a servlet without its component.
      const removed = await updateState(home, (state) => {
        const installed = state.servlets[name];
        delete state.servlets[name];
        return installed;
      });
      if (!removed) throw new UserError(`"${name}" was uninstalled meanwhile`);
      await rm(join(home.root, removed.file), { force: true });
      await removeListing(home, name);
      await removeStorage(home, name);
      await new SecretStore(home).removeServletSecrets(name);
      process.stdout.write(`removed ${name} with its storage and secrets\n`);
    });
}
