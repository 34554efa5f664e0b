/**
 * Consent at install and update: show the person what the servlet is and asks for, then take the
 * grants from the flags, or ask item by item at a terminal (for requests its publisher did not
 * declare, the person types the origins and mounts they allow). With neither, nothing is granted
 * and the install is refused, since nobody agreed to anything.
 */
import { statSync } from 'node:fs';
import {
  describeGrants,
  escapeLine,
  grantsFromChoices,
  isYes,
  noGrants,
  requestedGrants,
  type Grants,
  type Manifest,
  type MountGrant,
  type Prompter,
  refusingPrompter,
} from '@mcp-wasm/host';
import { grantChoices, hasGrantChoices, hostPath, type GrantOptions } from './grant-options.js';
import { askUndeclared } from './undeclared-consent.js';
import { UserError } from './user-error.js';

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Refuses a mount whose host directory does not exist, before anything is recorded. */
export function checkMountDirectories(grants: Grants): void {
  for (const mount of grants.mounts) {
    if (!isDirectory(mount.host)) throw new UserError(`cannot mount ${mount.host} at ${mount.guest}: it is not a directory. Create it, or give another one`);
  }
}

function noTerminal(name: string): UserError {
  return new UserError(
    `nothing was granted and ${name} was not installed: there is no terminal to ask. Run again with --yes to accept what it requests, and narrow it with --allow-host, --mount or --deny`,
  );
}

/** Asks about each requested capability in turn; returns what the person granted. */
async function askEachCapability(name: string, manifest: Manifest, prompter: Prompter, write: (text: string) => void, previous?: Grants): Promise<Grants> {
  const c = manifest.capabilities;
  const requested = requestedGrants(manifest);
  const grants = noGrants();
  const yes = async (question: string) => isYes(await prompter.ask(`${question} [Y/n] `), true);
  for (const mount of c.filesystem ?? []) {
    const earlier = previous?.mounts.find((m) => m.guest === mount.guest)?.host;
    const answer = await prompter.ask(
      `Host directory to show the servlet at ${mount.guest} (${mount.access}; "${escapeLine(mount.purpose)}")${earlier ? ` [${earlier}]` : ''}, empty to refuse: `,
    );
    const chosen = answer?.trim() || earlier;
    if (!chosen) continue;
    if (!isDirectory(hostPath(chosen))) {
      write(`${hostPath(chosen)} is not a directory: ${mount.guest} is not mounted (grant it later with \`mcp-wasm grant ${name} --mount DIR:${mount.guest}\`)\n`);
      continue;
    }
    let access: MountGrant['access'] = mount.access;
    if (access === 'read-write' && !(await yes(`Allow writing in ${chosen}?`))) access = 'read-only';
    grants.mounts.push({ host: hostPath(chosen), guest: mount.guest, access });
  }
  for (const origin of requested.network) if (await yes(`Allow HTTP requests to ${origin}?`)) grants.network.push(origin);
  for (const key of requested.config) if (await yes(`Allow reading the setting ${key}?`)) grants.config.push(key);
  for (const key of requested.secrets) if (await yes(`Allow reading the secret ${key}?`)) grants.secrets.push(key);
  if (requested.storage) grants.storage = await yes('Allow it to keep its own storage?');
  if (requested.sampling) grants.sampling = await yes("Allow it to use your client's model (sampling)?");
  if (requested.elicitation) grants.elicitation = await yes('Allow it to ask you questions (elicitation)?');
  if (requested.roots) grants.roots = await yes("Allow it to see your client's roots?");
  // Undeclared (inferred) requests name nothing to say yes to: the person names origins and mounts.
  if (manifest.undeclared) await askUndeclared(manifest, grants, prompter, write, previous);
  return grants;
}

/**
 * The grants for `manifest`: from the flags when any is given, else asked at the terminal and
 * confirmed. Throws `UserError` when the person refuses or cannot be asked.
 */
export async function decideGrants(options: {
  name: string;
  manifest: Manifest;
  flags: GrantOptions;
  prompter: Prompter;
  write: (text: string) => void;
  previous?: Grants;
}): Promise<Grants> {
  const { name, manifest, flags, prompter, write } = options;
  if (hasGrantChoices(flags)) {
    const grants = grantsFromChoices(manifest, grantChoices(flags));
    checkMountDirectories(grants);
    const unmounted = (manifest.capabilities.filesystem ?? []).filter((m) => !grants.mounts.some((g) => g.guest === m.guest));
    for (const mount of unmounted) {
      write(`note: ${mount.guest} is not mounted (no --mount HOST:${mount.guest}); the servlet will find no files there\n`);
    }
    return grants;
  }
  if (prompter === refusingPrompter) throw noTerminal(name);
  let grants: Grants;
  let answer: string | undefined;
  try {
    grants = await askEachCapability(name, manifest, prompter, write, options.previous);
    write(`\n${name} will be allowed: ${describeGrants(grants).join('; ')}\n`);
    answer = await prompter.ask(`Install ${name} with these grants? [y/N] `);
  } finally {
    prompter.close?.();
  }
  if (answer === undefined) throw new UserError(`${name} was not installed: the input ended before you confirmed`);
  if (!isYes(answer)) throw new UserError(`${name} was not installed: you declined`);
  return grants;
}
