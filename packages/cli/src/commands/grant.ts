/** `mcp-wasm grant` and `mcp-wasm revoke`: change what an installed servlet may do; effective at its next call. */
import type { Command } from 'commander';
import {
  CAPABILITY_NAMES,
  describeGrants,
  excessGrants,
  grantsFromChoices,
  mergeGrants,
  noGrants,
  refusedMounts,
  requestedGrants,
  selectCapabilities,
  withoutCapability,
  type Manifest,
} from '@mcp-wasm/host';
import { protectedRoots, resolveHome, resolveMountGrants, updateState } from '@mcp-wasm/node';
import { addGrantOptions, grantChoices, type GrantOptions } from '../grant-options.js';
import { mountWarningLines } from '../mount-choice.js';
import { requireInstalled } from '../installed.js';
import { UserError } from '../user-error.js';

interface GrantCommandOptions extends GrantOptions {
  allow: string[];
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * `--allow network` or `--allow filesystem` for a request the publisher did not declare would grant
 * nothing (it names no origin or directory): say how to name one instead of granting nothing silently.
 */
function refuseUndeclaredAllow(manifest: Manifest, allow: readonly string[]): void {
  for (const spec of allow) {
    const kind = spec.split(':')[0];
    if (manifest.undeclared?.network && (kind === 'network' || kind === 'net') && !manifest.capabilities.network) {
      throw new UserError(`its network requests are undeclared by the publisher and name no origin: name each one with --allow-host ORIGIN`);
    }
    if (manifest.undeclared?.filesystem && ['filesystem', 'fs', 'mount'].includes(kind!) && !manifest.capabilities.filesystem) {
      throw new UserError(`its file requests are undeclared by the publisher and name no directory: name each one with --mount HOST:GUEST[:rw]`);
    }
  }
}

export function registerGrant(program: Command): void {
  const grant = program
    .command('grant')
    .description('grant an installed servlet more of what it requests (effective at its next call, no restart)')
    .argument('<servlet>', 'the installed servlet')
    .option('--allow <capability>', `grant a requested capability (repeatable): ${CAPABILITY_NAMES}`, collect, []);
  addGrantOptions(grant, 'grant everything the servlet requests').addHelpText(
    'after',
    `
Examples:
  mcp-wasm grant fetch --allow-host https://en.wikipedia.org
  mcp-wasm grant notes --mount ~/notes:/data:ro
  mcp-wasm grant weather --allow secret:api_key --allow storage`,
  );
  grant.action(async (name: string, options: GrantCommandOptions) => {
    const home = resolveHome();
    const installed = await requireInstalled(home, name);
    if (!options.yes && options.allow.length === 0 && options.allowHost.length === 0 && options.mount.length === 0) {
      throw new UserError(`say what to grant: --allow <capability>, --allow-host <origin>, --mount HOST:GUEST[:ro], or --yes for everything requested`);
    }
    refuseUndeclaredAllow(installed.manifest, options.allow);
    let added = options.allow.length > 0 ? selectCapabilities(requestedGrants(installed.manifest), options.allow) : noGrants();
    if (options.yes || options.allowHost.length > 0 || options.mount.length > 0) {
      added = mergeGrants(added, grantsFromChoices(installed.manifest, { ...grantChoices(options), deny: [] }));
    }
    // Each new mount resolved (real path, identity) and checked with those granted already.
    if (added.mounts.length > 0) added = resolveMountGrants(name, added, home, installed.grants.mounts);
    const grants = await updateState(home, (state) => {
      const current = state.servlets[name];
      if (!current) throw new UserError(`"${name}" was uninstalled meanwhile`);
      const merged = mergeGrants(current.grants, added);
      const problems = excessGrants(current.manifest, merged);
      if (problems.length > 0) throw new UserError(`cannot grant ${problems.join('; ')}: a grant never exceeds what the servlet requests`);
      // Again under the lock: another run may have granted an overlapping mount meanwhile.
      const refused = added.mounts.length > 0 ? refusedMounts(name, merged.mounts, protectedRoots(home)) : [];
      if (refused.length > 0) throw new UserError([...new Set(refused.map((refusal) => refusal.message))].join('; '));
      current.grants = merged;
      return merged;
    });
    for (const line of mountWarningLines(added.mounts)) process.stdout.write(`${line}\n`);
    process.stdout.write(`${name} may now use: ${describeGrants(grants).join('; ')}\n`);
  });

  program
    .command('revoke')
    .description('take capabilities away from an installed servlet (effective at its next call, no restart)')
    .argument('<servlet>', 'the installed servlet')
    .argument('<capability...>', CAPABILITY_NAMES)
    .addHelpText('after', '\nExamples:\n  mcp-wasm revoke fetch network\n  mcp-wasm revoke notes mount:/data secret:api_key')
    .action(async (name: string, capabilities: string[]) => {
      const home = resolveHome();
      await requireInstalled(home, name);
      const grants = await updateState(home, (state) => {
        const current = state.servlets[name];
        if (!current) throw new UserError(`"${name}" was uninstalled meanwhile`);
        current.grants = capabilities.reduce(withoutCapability, current.grants);
        return current.grants;
      });
      process.stdout.write(`${name} may now use: ${describeGrants(grants).join('; ')}\n`);
    });
}
