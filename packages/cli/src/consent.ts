/**
 * Consent at install and update: show the person what the servlet is and asks for, then take the
 * grants from the flags, or ask item by item at a terminal (for requests its publisher did not
 * declare, the person types the origins and mounts they allow). With neither, nothing is granted
 * and the install is refused, since nobody agreed to anything. Every mount is resolved and checked
 * against the mount policy as it is chosen (see `mount-choice.ts`), and warned about when it
 * covers the home directory or credentials.
 */
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
import { resolveMountGrants, type HomePaths } from '@mcp-wasm/node';
import { grantChoices, hasGrantChoices, hostPath, type GrantOptions } from './grant-options.js';
import { chooseMount, mountWarningLines } from './mount-choice.js';
import { askUndeclared } from './undeclared-consent.js';
import { UserError } from './user-error.js';

function noTerminal(name: string): UserError {
  return new UserError(
    `nothing was granted and ${name} was not installed: there is no terminal to ask. Run again with --yes to accept what it requests, and narrow it with --allow-host, --mount or --deny`,
  );
}

/** Asks about each requested capability in turn; returns what the person granted. */
async function askEachCapability(name: string, manifest: Manifest, prompter: Prompter, write: (text: string) => void, home: HomePaths, previous?: Grants): Promise<Grants> {
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
    const checked = chooseMount(name, { host: hostPath(chosen), guest: mount.guest, access: mount.access }, grants.mounts, home);
    if ('refused' in checked) {
      write(`${checked.refused}\n${mount.guest} is not mounted (grant it later with \`mcp-wasm grant ${name} --mount DIR:${mount.guest}\`)\n`);
      continue;
    }
    for (const line of mountWarningLines([checked.value])) write(`${line}\n`);
    let access: MountGrant['access'] = mount.access;
    if (access === 'read-write' && !(await yes(`Allow writing in ${checked.value.host}?`))) access = 'read-only';
    grants.mounts.push({ ...checked.value, access });
  }
  for (const origin of requested.network) if (await yes(`Allow HTTP requests to ${origin}?`)) grants.network.push(origin);
  for (const key of requested.config) if (await yes(`Allow reading the setting ${key}?`)) grants.config.push(key);
  for (const key of requested.secrets) if (await yes(`Allow reading the secret ${key}?`)) grants.secrets.push(key);
  if (requested.storage) grants.storage = await yes('Allow it to keep its own storage?');
  if (requested.sampling) grants.sampling = await yes("Allow it to use your client's model (sampling)?");
  if (requested.elicitation) grants.elicitation = await yes('Allow it to ask you questions (elicitation)?');
  if (requested.roots) grants.roots = await yes("Allow it to see your client's roots?");
  // Undeclared (inferred) requests name nothing to say yes to: the person names origins and mounts.
  if (manifest.undeclared) await askUndeclared(name, manifest, grants, prompter, write, home, previous);
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
  home: HomePaths;
  previous?: Grants;
}): Promise<Grants> {
  const { name, manifest, flags, prompter, write, home } = options;
  if (hasGrantChoices(flags)) {
    const grants = resolveMountGrants(name, grantsFromChoices(manifest, grantChoices(flags)), home);
    for (const line of mountWarningLines(grants.mounts)) write(`${line}\n`);
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
    grants = await askEachCapability(name, manifest, prompter, write, home, options.previous);
    write(`\n${name} will be allowed: ${describeGrants(grants).join('; ')}\n`);
    for (const line of mountWarningLines(grants.mounts)) write(`${line}\n`);
    answer = await prompter.ask(`Install ${name} with these grants? [y/N] `);
  } finally {
    prompter.close?.();
  }
  if (answer === undefined) throw new UserError(`${name} was not installed: the input ended before you confirmed`);
  if (!isYes(answer)) throw new UserError(`${name} was not installed: you declined`);
  return grants;
}
