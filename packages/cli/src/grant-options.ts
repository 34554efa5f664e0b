/** The options that choose grants, shared by `install`, `update`, `run` and `grant`. */
import { resolve } from 'node:path';
import { homedir } from 'node:os';
import type { Command } from 'commander';
import { parseMountChoice, type GrantChoices } from '@mcp-wasm/host';

/** The options as commander parses them. */
export interface GrantOptions {
  yes?: boolean;
  allowHost: string[];
  mount: string[];
  deny: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Adds the grant options to `command`. */
export function addGrantOptions(command: Command, yesDescription = 'accept every capability the servlet requests, without asking'): Command {
  return command
    .option('-y, --yes', yesDescription)
    .option('--allow-host <origin>', 'grant network access to this origin only (repeatable), e.g. https://api.example.com', collect, [])
    .option('--mount <HOST:GUEST[:ro]>', 'grant a host directory at a requested guest path (repeatable), e.g. ~/notes:/data:ro; recorded by its real path and identity; never the mcp-wasm home, /proc, /sys, /dev, or one overlapping another mount', collect, [])
    .option('--deny <capability>', 'leave a capability out (repeatable): network, network:<origin>, filesystem, mount:<path>, config, config:<key>, secrets, secret:<key>, storage, sampling, elicitation, roots', collect, []);
}

/** Expands `~` and makes a host path absolute. */
export function hostPath(path: string): string {
  return resolve(path.replace(/^~(?=$|\/)/, homedir()));
}

/** Whether any grant option was given (so no question is asked). */
export function hasGrantChoices(options: GrantOptions): boolean {
  return Boolean(options.yes) || options.allowHost.length > 0 || options.mount.length > 0 || options.deny.length > 0;
}

/** The choices the options make. */
export function grantChoices(options: GrantOptions): GrantChoices {
  return {
    yes: options.yes,
    ...(options.allowHost.length > 0 ? { allowHosts: options.allowHost } : {}),
    ...(options.mount.length > 0 ? { mounts: options.mount.map((text) => parseMountChoice(text, hostPath)) } : {}),
    deny: options.deny,
  };
}
