/** `mcp-wasm secret set|rm|list`: an installed servlet's secrets, encrypted in the home. */
import type { Command } from 'commander';
import { resolveHome, SecretStore, type InstalledServlet } from '@mcp-wasm/node';
import { requireInstalled } from '../installed.js';
import { readSecretValue } from '../secret-input.js';
import { UserError } from '../user-error.js';

/** Refuses a key the servlet's manifest does not request, naming those it does. */
function requireRequested(installed: InstalledServlet, key: string): void {
  const requested = (installed.manifest.capabilities.secrets ?? []).map((entry) => entry.key);
  if (requested.includes(key)) return;
  const which = requested.length > 0 ? `it requests: ${requested.join(', ')}` : 'it requests no secrets';
  throw new UserError(`${installed.name} does not request a secret named "${key}" (${which})`);
}

export function registerSecret(program: Command): void {
  const secret = program
    .command('secret')
    .description("manage an installed servlet's secrets (encrypted at rest, delivered only to that servlet)")
    .addHelpText(
      'after',
      `
Examples:
  mcp-wasm secret set weather api_key            (asks for the value without showing it)
  printf %s "$API_KEY" | mcp-wasm secret set weather api_key
  mcp-wasm secret list weather
  mcp-wasm secret rm weather api_key`,
    );

  secret
    .command('set')
    .description('set a secret the servlet requests; the value is read from a hidden prompt, or from stdin when it is not a terminal')
    .argument('<servlet>', 'the installed servlet')
    .argument('<key>', 'a secret key its manifest requests')
    .action(async (name: string, key: string) => {
      const home = resolveHome();
      const installed = await requireInstalled(home, name);
      requireRequested(installed, key);
      const value = await readSecretValue(key);
      await new SecretStore(home).setSecret(name, key, value);
      process.stdout.write(`secret ${key} of ${name} is set (encrypted in ${home.secrets})\n`);
      if (!installed.grants.secrets.includes(key)) {
        process.stderr.write(`note: ${name} is not granted ${key}, so it cannot read it yet: mcp-wasm grant ${name} --allow secret:${key}\n`);
      }
    });

  secret
    .command('rm')
    .description('remove a secret of the servlet')
    .argument('<servlet>', 'the installed servlet')
    .argument('<key>', 'the secret key')
    .action(async (name: string, key: string) => {
      const home = resolveHome();
      await requireInstalled(home, name);
      const store = new SecretStore(home);
      if (!(await store.removeSecret(name, key))) {
        const keys = await store.listSecretKeys(name);
        throw new UserError(`${name} has no secret "${key}" set${keys.length > 0 ? ` (set: ${keys.join(', ')})` : ''}`);
      }
      process.stdout.write(`secret ${key} of ${name} is removed\n`);
    });

  secret
    .command('list')
    .description('list the secret keys of the servlet that have a value (never the values)')
    .argument('<servlet>', 'the installed servlet')
    .action(async (name: string) => {
      const home = resolveHome();
      const installed = await requireInstalled(home, name);
      const keys = await new SecretStore(home).listSecretKeys(name);
      for (const key of keys) process.stdout.write(`${key}\n`);
      const missing = (installed.manifest.capabilities.secrets ?? []).map((entry) => entry.key).filter((key) => !keys.includes(key));
      if (missing.length > 0) process.stderr.write(`not set: ${missing.join(', ')} (set with \`mcp-wasm secret set ${name} <key>\`)\n`);
    });
}
