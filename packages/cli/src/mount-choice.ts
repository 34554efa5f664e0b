/**
 * The CLI's side of mount grants: every directory a person names (a flag, an answer at the
 * terminal) is resolved to its real path and identity and checked against the mount policy before
 * anything is recorded or run, so a refused mount fails at once with what to do instead; and a
 * mount that covers the person's home directory or their credentials is warned about plainly.
 */
import { describeMountWarnings, grantsFromChoices, HostError, noGrants, refusedMounts, type Grants, type Manifest, type MountGrant } from '@mcp-wasm/host';
import { protectedRoots, resolveMountGrants, userHomeDirectory, type HomePaths } from '@mcp-wasm/node';
import { grantChoices, type GrantOptions } from './grant-options.js';
import { UserError } from './user-error.js';

/**
 * One mount a person typed or chose at a terminal, resolved and checked together with those
 * `chosen` before it, or why it is refused (to say, and ask again or go on).
 */
export function chooseMount(name: string, mount: MountGrant, chosen: readonly MountGrant[], home: HomePaths): { value: MountGrant } | { refused: string } {
  try {
    return { value: resolveMountGrants(name, { ...noGrants(), mounts: [mount] }, home, chosen).mounts[0]! };
  } catch (error) {
    if (error instanceof HostError) return { refused: error.message };
    throw error;
  }
}

/** One `WARNING: …` line for each mount that covers the person's home directory or a credential place. */
export function mountWarningLines(mounts: readonly MountGrant[]): string[] {
  return describeMountWarnings(mounts, userHomeDirectory());
}

/**
 * The grants for a component run ad hoc (`run`, `call <file>`) from the grant flags: mounts
 * resolved and checked (a refused one stops the command), warnings on stderr (stdout may carry MCP).
 */
export function adHocGrants(name: string, manifest: Manifest, options: GrantOptions, home: HomePaths): Grants {
  const grants = resolveMountGrants(name, grantsFromChoices(manifest, grantChoices(options)), home);
  for (const line of mountWarningLines(grants.mounts)) process.stderr.write(`mcp-wasm: ${line}\n`);
  return grants;
}

/**
 * Refuses to run installed servlet `name` from the CLI while one of its recorded mounts breaks the
 * mount policy (a state file edited by hand, a grant recorded by an older version): `serve` leaves
 * such a mount out with a warning; a one-shot command says what to do instead.
 */
export function checkInstalledMounts(name: string, grants: Grants, home: HomePaths): void {
  const refused = refusedMounts(name, grants.mounts, protectedRoots(home), { requireIdentity: true });
  if (refused.length === 0) return;
  const messages = [...new Set(refused.map((refusal) => refusal.message))];
  const revoke = refused.map((refusal) => `mount:${refusal.grant.guest}`).join(' ');
  throw new UserError(`${messages.join('; ')}. Or take the mount away with \`mcp-wasm revoke ${name} ${revoke}\``);
}
