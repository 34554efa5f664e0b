/**
 * Mount grants become the mounts of a capability context here, and only here: the one choke point
 * that applies the mount policy (`capabilities/fs/mount-policy.ts`) to whatever the grants say,
 * also to a state file edited by hand. The CLI runs the same check earlier, to refuse with a clear
 * message at install, grant, run and call; this one keeps a grant that slipped past it unusable.
 */
import { mountRootRefusal, overlappingPairs, overlaps, type ProtectedRoot } from '../capabilities/fs/mount-policy.js';
import type { FsIdentity, Mount } from '../capabilities/fs/types.js';
import { escapeLine } from '../consent/escape.js';
import type { MountGrant } from './grants.js';

/** A mount grant that may not be used, and why, in words for a person (what happened, what to do). */
export interface MountRefusal {
  readonly grant: MountGrant;
  readonly message: string;
}

/** The `--mount` text that grants `grant` again. */
function mountFlag(grant: MountGrant): string {
  return `${escapeLine(grant.host)}:${grant.guest}${grant.access === 'read-only' ? ':ro' : ''}`;
}

/** A host path for a message: directory names can hold control characters, so they are escaped. */
const shown = (grant: MountGrant) => escapeLine(grant.host);

function isIdentity(value: unknown): value is FsIdentity {
  const identity = value as FsIdentity | undefined;
  return typeof identity?.device === 'string' && typeof identity.inode === 'string' && /^\d+$/.test(identity.device) && /^\d+$/.test(identity.inode);
}

/** Pairs of mounts that are the same directory under two paths that do not overlap (a bind mount): found by identity. */
function sameDirectoryPairs(grants: readonly MountGrant[]): [MountGrant, MountGrant][] {
  const pairs: [MountGrant, MountGrant][] = [];
  grants.forEach((grant, index) => {
    for (const other of grants.slice(index + 1)) {
      const [a, b] = [grant.identity, other.identity];
      if (isIdentity(a) && isIdentity(b) && a.device === b.device && a.inode === b.inode && !overlaps(grant.host, other.host)) pairs.push([grant, other]);
    }
  });
  return pairs;
}

/**
 * Every way `grants` (one servlet's mounts) break the mount policy: a directory that may never be
 * mounted, two that overlap (both refused), and, with `requireIdentity`, one recorded without the
 * identity of its directory. `servlet` names the servlet in the advice.
 */
export function refusedMounts(
  servlet: string,
  grants: readonly MountGrant[],
  protectedRoots: readonly ProtectedRoot[],
  options: { requireIdentity?: boolean } = {},
): MountRefusal[] {
  const refusals: MountRefusal[] = [];
  for (const grant of grants) {
    const reason = mountRootRefusal(grant.host, protectedRoots);
    if (reason) {
      refusals.push({
        grant,
        message: `cannot mount ${shown(grant)} at ${grant.guest}: ${escapeLine(reason)}. Mount a directory of your own files that neither contains nor lies inside the mcp-wasm home (MCP_WASM_HOME), /proc, /sys or /dev`,
      });
    } else if (options.requireIdentity && !isIdentity(grant.identity)) {
      refusals.push({
        grant,
        message: `the mount of ${shown(grant)} at ${grant.guest} was recorded without the identity of its directory (by an older mcp-wasm, or edited by hand), so it is not used: grant it again with \`mcp-wasm grant ${servlet} --mount ${mountFlag(grant)}\``,
      });
    }
  }
  for (const [first, second] of [...overlappingPairs(grants), ...sameDirectoryPairs(grants)]) {
    const message =
      `cannot mount ${shown(first)} at ${first.guest} together with ${shown(second)} at ${second.guest}: one directory is or contains the other, ` +
      `so a servlet could reach (and move) the inner one's files past its access. Grant directories that do not overlap, or only the outer one`;
    for (const grant of [first, second]) if (!refusals.some((refusal) => refusal.grant === grant)) refusals.push({ grant, message });
  }
  return refusals;
}

/**
 * The mounts of a capability context for `servlet`'s mount grants: every grant the policy allows
 * and that records its directory's identity; the others are left out and returned as refusals.
 */
export function mountsFromGrants(
  servlet: string,
  grants: readonly MountGrant[],
  protectedRoots: readonly ProtectedRoot[],
): { mounts: Mount[]; refused: MountRefusal[] } {
  const refused = refusedMounts(servlet, grants, protectedRoots, { requireIdentity: true });
  const mounts = grants
    .filter((grant) => !refused.some((refusal) => refusal.grant === grant))
    // Anything but an explicit `read-write` is read-only: a mistyped access never grants writing.
    .map((grant) => ({
      hostPath: grant.host,
      guestPath: grant.guest,
      readOnly: grant.access !== 'read-write',
      identity: { device: grant.identity!.device, inode: grant.identity!.inode },
    }));
  return { mounts, refused };
}
