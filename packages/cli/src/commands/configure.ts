/** `mcp-wasm configure`: plain config values of an installed servlet (secrets go through `mcp-wasm secret`). */
import type { Command } from 'commander';
import { resolveHome, updateState, type InstalledServlet } from '@mcp-wasm/node';
import { requireInstalled } from '../installed.js';
import { UserError } from '../user-error.js';

/** Longest config value, as for a manifest's default. */
const MAX_VALUE_LENGTH = 4096;

/** Refuses a key the manifest does not request as config, saying what to do instead. */
function requireConfigKey(installed: InstalledServlet, key: string): void {
  const { config = [], secrets = [] } = installed.manifest.capabilities;
  if (config.some((entry) => entry.key === key)) return;
  if (secrets.some((entry) => entry.key === key)) {
    throw new UserError(`${key} is a secret of ${installed.name}: set it with \`mcp-wasm secret set ${installed.name} ${key}\`, which keeps it encrypted`);
  }
  const which = config.length > 0 ? `it requests: ${config.map((entry) => entry.key).join(', ')}` : 'it requests no config keys';
  throw new UserError(`${installed.name} does not request a config key named "${key}" (${which})`);
}

function parseAssignment(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at <= 0) throw new UserError(`"${text}" is not KEY=VALUE (to remove a value, use --unset KEY after the assignments)`);
  const value = text.slice(at + 1);
  if (value.length > MAX_VALUE_LENGTH) throw new UserError(`the value of ${text.slice(0, at)} is longer than ${MAX_VALUE_LENGTH} characters`);
  return [text.slice(0, at), value];
}

export function registerConfigure(program: Command): void {
  program
    .command('configure')
    .description('set or unset plain config values of an installed servlet (effective at its next call)')
    .argument('<servlet>', 'the installed servlet')
    .argument('[assignments...]', 'KEY=VALUE, for config keys its manifest requests')
    .option('--unset <keys...>', 'remove values, so the manifest default applies again')
    .addHelpText('after', '\nExamples:\n  mcp-wasm configure weather units=metric city=Paris\n  mcp-wasm configure weather --unset city\n\nSecrets are set with `mcp-wasm secret set`, never on the command line.')
    .action(async (name: string, assignments: string[], options: { unset?: string[] }) => {
      const home = resolveHome();
      const installed = await requireInstalled(home, name);
      const unset = options.unset ?? [];
      if (assignments.length === 0 && unset.length === 0) throw new UserError('say what to set: KEY=VALUE…, or --unset KEY…');
      const values = assignments.map(parseAssignment);
      for (const key of [...values.map(([key]) => key), ...unset]) requireConfigKey(installed, key);
      const config = await updateState(home, (state) => {
        const current = state.servlets[name];
        if (!current) throw new UserError(`"${name}" was uninstalled meanwhile`);
        // A fresh object without a prototype, so no key (such as __proto__) is special when setting it.
        const next: Record<string, string> = Object.assign(Object.create(null), current.config);
        for (const [key, value] of values) next[key] = value;
        for (const key of unset) delete next[key];
        current.config = { ...next };
        return current.config;
      });
      const shown = Object.entries(config).map(([key, value]) => `${key}=${JSON.stringify(value)}`);
      process.stdout.write(`${name} config: ${shown.length > 0 ? shown.join(', ') : '(manifest defaults only)'}\n`);
      const ungranted = values.map(([key]) => key).filter((key) => !installed.grants.config.includes(key));
      if (ungranted.length > 0) {
        process.stderr.write(`note: ${name} is not granted ${ungranted.join(', ')}, so it cannot read them yet: mcp-wasm grant ${name} ${ungranted.map((key) => `--allow config:${key}`).join(' ')}\n`);
      }
    });
}
