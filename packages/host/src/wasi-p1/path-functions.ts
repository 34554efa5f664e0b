/**
 * The `path_*` functions: every path is relative to a directory descriptor below a granted mount,
 * which must hold the right the call needs (`path-target.ts`), checked lexically by the filesystem
 * core before any I/O (`..` never leaves the mount root, absolute paths are refused) and reached by
 * the backend without following any symlink. Every mutation needs the mount read-write now.
 * Refusals are reported to the audit log by `FsAccess`. Links live in `path-links.ts`.
 */
import { endsInDot } from '../capabilities/fs/path-check.js';
import { LAYOUT, LOOKUP_SYMLINK_FOLLOW, RIGHT } from './abi.js';
import { ERRNO, fail } from './errno.js';
import { timeChanges, writeFilestat, type FileHost } from './file-values.js';
import { pathLinkFunctions } from './path-links.js';
import { pathOpenFunction } from './path-open.js';
import { namesDirectory, pathTargets } from './path-target.js';

/** The `path_*` functions. */
export function pathFunctions(host: FileHost) {
  const { access } = host;
  const targets = pathTargets(host);
  const { target, reach: reachAt } = targets;

  return {
    ...pathOpenFunction(host, targets),
    ...pathLinkFunctions(host, targets),

    path_create_directory(fd: number, pointer: number, length: number): void {
      const [directory, path] = target(fd, RIGHT.pathCreateDirectory, pointer, length);
      if (endsInDot(path)) fail(ERRNO.exist);
      const reach = reachAt(directory, path, 'create directory', true);
      access.run('create directory', reach.guestPath, () => reach.backend.createDirectory(reach.at));
    },

    path_filestat_get(fd: number, lookupFlags: number, pointer: number, length: number, statPointer: number): void {
      host.memory().check(statPointer, LAYOUT.filestat.size);
      const [directory, path] = target(fd, RIGHT.pathFilestatGet, pointer, length);
      // `name/` follows a link as much as the flag does: both are refused.
      const follows = (lookupFlags & LOOKUP_SYMLINK_FOLLOW) !== 0 || namesDirectory(path);
      const stat = follows ? targets.statFollowing(directory, path, 'stat') : targets.statOf(directory, path, 'stat');
      if (namesDirectory(path) && stat.kind !== 'directory') fail(ERRNO.notdir);
      writeFilestat(host.memory(), statPointer, stat);
    },

    path_filestat_set_times(fd: number, _lookupFlags: number, pointer: number, length: number, accessed: bigint, modified: bigint, flags: number): void {
      const [directory, path] = target(fd, RIGHT.pathFilestatSetTimes, pointer, length);
      const [accessedChange, modifiedChange] = timeChanges(accessed, modified, flags);
      if (namesDirectory(path)) targets.statDirectory(directory, path, 'set times of');
      const reach = reachAt(directory, path, 'set times of', true);
      access.run('set times of', reach.guestPath, () => reach.backend.setTimes(reach.at, accessedChange, modifiedChange));
    },

    path_remove_directory(fd: number, pointer: number, length: number): void {
      const [directory, path] = target(fd, RIGHT.pathRemoveDirectory, pointer, length);
      if (endsInDot(path)) fail(ERRNO.inval);
      const reach = reachAt(directory, path, 'remove directory', true);
      access.run('remove directory', reach.guestPath, () => reach.backend.removeDirectory(reach.at));
    },

    path_rename(fd: number, oldPointer: number, oldLength: number, newFd: number, newPointer: number, newLength: number): void {
      const [from, oldPath] = target(fd, RIGHT.pathRenameSource, oldPointer, oldLength);
      const [to, newPath] = target(newFd, RIGHT.pathRenameTarget, newPointer, newLength);
      if (endsInDot(oldPath) || endsInDot(newPath)) fail(ERRNO.inval);
      // `a/` on either side says the source is a directory: a file (or link) so named is ENOTDIR.
      if (namesDirectory(oldPath) || namesDirectory(newPath)) targets.statDirectory(from, oldPath, 'rename');
      const source = reachAt(from, oldPath, 'rename', true);
      const destination = reachAt(to, newPath, 'rename to', true);
      access.run('rename', `${source.guestPath} to ${destination.guestPath}`, () => source.backend.rename(source.at, destination.at));
    },

    path_unlink_file(fd: number, pointer: number, length: number): void {
      const [directory, path] = target(fd, RIGHT.pathUnlinkFile, pointer, length);
      if (endsInDot(path)) fail(ERRNO.isdir);
      // `name/` is never unlinked: a directory so named is EISDIR, anything else ENOTDIR.
      if (namesDirectory(path)) {
        targets.statDirectory(directory, path, 'remove file');
        fail(ERRNO.isdir);
      }
      const reach = reachAt(directory, path, 'remove file', true);
      access.run('remove file', reach.guestPath, () => reach.backend.unlinkFile(reach.at));
    },
  };
}
