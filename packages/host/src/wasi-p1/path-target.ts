/**
 * How a `path_*` call names its target: a directory descriptor holding the rights the call needs,
 * and a path relative to it. Three rules of preview 1 (and POSIX) that the filesystem core's
 * lexical check leaves to the caller are kept here:
 * - a path never climbs above the directory it is relative to, even while it stays inside the
 *   mount (a descriptor is a capability for what is below it): `ENOTCAPABLE`, the guest's own
 *   misuse; climbing out of the mount itself stays a denial (`EPERM`, in `resolveRelative`);
 * - a path that ends in `/` (or in `.` or `..`) names a directory, so `file/` fails with
 *   `ENOTDIR` instead of reaching the file (the trailing-slash class of RUSTSEC-2026-0269: the
 *   backend is never handed a slash, and a symbolic link met so is refused, never followed);
 * - which rights each call needs on its directory descriptor (`ENOTCAPABLE` without them).
 */
import { guestPathOf } from '../capabilities/fs/path-check.js';
import type { FsStat } from '../capabilities/fs/types.js';
import { ERRNO, fail } from './errno.js';
import type { FileDescriptor } from './fd-table.js';
import type { FileHost } from './file-values.js';

/** Whether `path` names a directory by its spelling: a trailing `/`, or a last segment `.` or `..`. */
export function namesDirectory(path: string): boolean {
  if (path.endsWith('/')) return true;
  const last = path.slice(path.lastIndexOf('/') + 1);
  return last === '.' || last === '..';
}

/** Whether `path`, resolved lexically, ever climbs above the directory it is relative to. */
export function climbsAbove(path: string): boolean {
  let depth = 0;
  for (const segment of path.split('/')) {
    if (segment === '..') depth--;
    else if (segment !== '' && segment !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

/** The guest path of a directory descriptor, for messages. */
export function whereIs(directory: FileDescriptor): string {
  return guestPathOf(directory.mount.guestPath, directory.names);
}

/** The path functions' way to their targets, for the instance `host`. */
export function pathTargets(host: FileHost) {
  const { access, table } = host;
  return {
    /** The directory `fd`, which must hold `rights`, and the path at `pointer` (both checked, not yet against the grants). */
    target(fd: number, rights: bigint, pointer: number, length: number): [FileDescriptor, string] {
      const path = host.memory().string(pointer, length);
      return [table.directory(fd, rights), path];
    },

    /** Checks `path` below `directory` against the grants (and the rules above) for `what`. */
    reach(directory: FileDescriptor, path: string, what: string, mutating: boolean) {
      // Above the mount root, the core refuses and reports it; above a directory within the mount,
      // refused here, once the mount is known to be granted still (a revoke is reported as such).
      if (directory.names.length > 0 && climbsAbove(path)) {
        access.reach(directory.mount, directory.names, what, false);
        fail(ERRNO.notcapable);
      }
      return access.reachAt(directory.mount, directory.names, path, what, mutating);
    },

    /** The status of what `path` names below `directory`, a symbolic link as itself. */
    statOf(directory: FileDescriptor, path: string, what: string): FsStat {
      const reach = this.reach(directory, path, what, false);
      return access.run(what, reach.guestPath, () => reach.backend.stat(reach.at));
    },

    /** The status of what `path` names, for a call that would follow a link there: a link is refused. */
    statFollowing(directory: FileDescriptor, path: string, what: string): FsStat {
      const reach = this.reach(directory, path, what, false);
      const stat = access.run(what, reach.guestPath, () => reach.backend.stat(reach.at));
      if (stat.kind === 'symbolic-link') {
        access.refuse('not-permitted', `${what} ${reach.guestPath}: it is a symbolic link, and servlets may never follow symbolic links`);
      }
      return stat;
    },

    /**
     * The status of what `path` names, for a call that needs a directory there because of the
     * path's spelling (`name/`): `ENOTDIR` when it is not one, a refusal when it is a link.
     */
    statDirectory(directory: FileDescriptor, path: string, what: string): FsStat {
      const stat = this.statFollowing(directory, path, what);
      if (stat.kind !== 'directory') fail(ERRNO.notdir);
      return stat;
    },

    /** What is at `path` below `directory` (anything, a link too), or undefined when nothing is. */
    existing(directory: FileDescriptor, path: string, what: string): FsStat | undefined {
      try {
        return this.statOf(directory, path, what);
      } catch (error) {
        if (error === 'no-entry') return undefined;
        throw error;
      }
    },
  };
}

/** What `pathTargets` answers. */
export type PathTargets = ReturnType<typeof pathTargets>;
