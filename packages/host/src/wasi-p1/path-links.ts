/**
 * Links, refused by design: `path_symlink`, `path_link` and `path_readlink` of a link never
 * succeed (`EPERM`, and a denial for the audit log). A link could carry a file past a read-only
 * mount, out of a later revoke, or (read back) tell a servlet where the host's files are.
 *
 * What a program sees is otherwise POSIX's: the rights, the grants (`EROFS` on a read-only mount)
 * and the names are checked first, so a name that is taken is `EEXIST` (`ENOTDIR` for `file/`), a
 * missing source or a `name/` that does not exist is `ENOENT`, and `readlink` of something that is
 * not a link is `EINVAL`, as a program expects; only a call that would really make or read a
 * link meets the refusal.
 */
import { RIGHT } from './abi.js';
import { ERRNO, fail } from './errno.js';
import type { FileDescriptor } from './fd-table.js';
import type { FileHost } from './file-values.js';
import { namesDirectory, whereIs, type PathTargets } from './path-target.js';

/** The `path_link`, `path_symlink` and `path_readlink` functions. */
export function pathLinkFunctions(host: FileHost, targets: PathTargets) {
  const { access } = host;
  const { target } = targets;

  /** The POSIX answer for a new link at `path` when the name is taken or spelled as a directory that is not there. */
  const checkNewName = (directory: FileDescriptor, path: string, what: string): void => {
    targets.reach(directory, path, what, true); // the grant first: a read-only mount is EROFS
    const existing = targets.existing(directory, path, what);
    if (existing && namesDirectory(path) && existing.kind !== 'directory') fail(ERRNO.notdir);
    if (existing) fail(ERRNO.exist);
    if (namesDirectory(path)) fail(ERRNO.noent);
  };

  return {
    path_link(oldFd: number, _oldFlags: number, oldPointer: number, oldLength: number, newFd: number, newPointer: number, newLength: number): void {
      const [from, oldPath] = target(oldFd, RIGHT.pathLinkSource, oldPointer, oldLength);
      const [to, newPath] = target(newFd, RIGHT.pathLinkTarget, newPointer, newLength);
      // ENOENT when missing; `name/` must be a directory (and so cannot be linked).
      const source = namesDirectory(oldPath) ? targets.statDirectory(from, oldPath, 'create hard link from') : targets.statOf(from, oldPath, 'create hard link from');
      checkNewName(to, newPath, 'create hard link');
      const reason = source.kind === 'directory' ? 'directories cannot be hard-linked, and servlets may not create hard links' : 'servlets may not create hard links';
      access.refuse('not-permitted', `create hard link ${JSON.stringify(newPath)} in ${whereIs(to)} to ${JSON.stringify(oldPath)} in ${whereIs(from)}: ${reason}`);
    },

    path_symlink(oldPointer: number, oldLength: number, fd: number, newPointer: number, newLength: number): void {
      const oldPath = host.memory().string(oldPointer, oldLength);
      const [directory, newPath] = target(fd, RIGHT.pathSymlink, newPointer, newLength);
      checkNewName(directory, newPath, 'create symbolic link');
      access.refuse(
        'not-permitted',
        `create symbolic link ${JSON.stringify(newPath)} to ${JSON.stringify(oldPath)} in ${whereIs(directory)}: servlets may not create symbolic links`,
      );
    },

    path_readlink(fd: number, pointer: number, length: number, _buffer: number, _bufferLength: number, _usedPointer: number): void {
      const [directory, path] = target(fd, RIGHT.pathReadlink, pointer, length);
      const stat = targets.statOf(directory, path, 'read symbolic link');
      if (stat.kind !== 'symbolic-link') fail(ERRNO.inval);
      access.refuse('not-permitted', `read symbolic link ${JSON.stringify(path)} in ${whereIs(directory)}: servlets may not use symbolic links`);
    },
  };
}
