/**
 * The `path_*` functions: every path is relative to a directory descriptor below a granted mount,
 * checked lexically by the filesystem core before any I/O (`..` never leaves the mount root,
 * absolute paths are refused) and reached by the backend without following any symlink. Creating
 * symlinks or hard links and reading symlinks are refused outright, as on the component path: a
 * link could carry a file past a read-only mount or out of a later revoke. Every mutation needs
 * the mount read-write now. Refusals are reported to the audit log by `FsAccess`.
 */
import { endsInDot, guestPathOf } from '../capabilities/fs/path-check.js';
import { LAYOUT, LOOKUP_SYMLINK_FOLLOW, OFLAG, FDFLAG, WRITE_RIGHTS } from './abi.js';
import { ERRNO, fail } from './errno.js';
import type { FileDescriptor } from './fd-table.js';
import { timeChanges, writeFilestat, type FileHost } from './file-values.js';

/** The `path_*` functions. */
export function pathFunctions(host: FileHost) {
  const { access, table } = host;

  /** The directory `fd` and the path at `pointer`, both checked (not yet against the grants). */
  const target = (fd: number, pointer: number, length: number): [FileDescriptor, string] => {
    const path = host.memory().string(pointer, length);
    return [table.directory(fd), path];
  };
  const reachAt = (directory: FileDescriptor, path: string, what: string, mutating: boolean) =>
    access.reachAt(directory.mount, directory.names, path, what, mutating);
  const where = (directory: FileDescriptor) => guestPathOf(directory.mount.guestPath, directory.names);

  return {
    path_open(
      fd: number,
      lookupFlags: number,
      pointer: number,
      length: number,
      openFlags: number,
      rightsBase: bigint,
      rightsInheriting: bigint,
      fdFlags: number,
      fdPointer: number,
    ): void {
      host.memory().check(fdPointer, 4);
      const [directory, path] = target(fd, pointer, length);
      // A child gets at most what its directory passes on. Extra rights are dropped rather than
      // refused, as other hosts do: runtimes such as Go's ask for every bit of a u32.
      const base = BigInt.asUintN(64, rightsBase) & directory.rightsInheriting;
      const inheriting = BigInt.asUintN(64, rightsInheriting) & directory.rightsInheriting;
      table.assertRoom(); // before the open, which may create a file
      const create = (openFlags & OFLAG.create) !== 0;
      const truncate = (openFlags & OFLAG.truncate) !== 0;
      const writes = (base & WRITE_RIGHTS) !== 0n;
      const reach = reachAt(directory, path, 'open', create || truncate || writes);
      void lookupFlags; // never followed either way: the backend refuses any symlink it meets
      const stat = access.run('open', reach.guestPath, () =>
        reach.backend.open(reach.at, { create, truncate, exclusive: (openFlags & OFLAG.exclusive) !== 0, directory: (openFlags & OFLAG.directory) !== 0 }),
      );
      if (stat.kind !== 'directory' && stat.kind !== 'regular-file') {
        host.access.refuse('not-permitted', `open ${reach.guestPath}: it is not a regular file or a directory`);
      }
      if (stat.kind === 'directory' && writes) fail(ERRNO.isdir);
      const opened = table.add({
        kind: stat.kind,
        mount: directory.mount,
        names: reach.at.path,
        rightsBase: base,
        rightsInheriting: inheriting,
        append: (fdFlags & FDFLAG.append) !== 0,
        position: 0n,
      });
      host.memory().setU32(fdPointer, opened);
    },

    path_create_directory(fd: number, pointer: number, length: number): void {
      const [directory, path] = target(fd, pointer, length);
      if (endsInDot(path)) fail(ERRNO.exist);
      const reach = reachAt(directory, path, 'create directory', true);
      access.run('create directory', reach.guestPath, () => reach.backend.createDirectory(reach.at));
    },

    path_filestat_get(fd: number, lookupFlags: number, pointer: number, length: number, statPointer: number): void {
      host.memory().check(statPointer, LAYOUT.filestat.size);
      const [directory, path] = target(fd, pointer, length);
      const reach = reachAt(directory, path, 'stat', false);
      const stat = access.run('stat', reach.guestPath, () => reach.backend.stat(reach.at));
      if (stat.kind === 'symbolic-link' && lookupFlags & LOOKUP_SYMLINK_FOLLOW) {
        access.refuse('not-permitted', `stat ${reach.guestPath}: it is a symbolic link, and servlets may never follow symbolic links`);
      }
      writeFilestat(host.memory(), statPointer, stat);
    },

    path_filestat_set_times(fd: number, _lookupFlags: number, pointer: number, length: number, accessed: bigint, modified: bigint, flags: number): void {
      const [directory, path] = target(fd, pointer, length);
      const [accessedChange, modifiedChange] = timeChanges(accessed, modified, flags);
      const reach = reachAt(directory, path, 'set times of', true);
      access.run('set times of', reach.guestPath, () => reach.backend.setTimes(reach.at, accessedChange, modifiedChange));
    },

    path_link(oldFd: number, _oldFlags: number, oldPointer: number, oldLength: number, _newFd: number, newPointer: number, newLength: number): void {
      const [directory, oldPath] = target(oldFd, oldPointer, oldLength);
      const newPath = host.memory().string(newPointer, newLength);
      access.refuse('not-permitted', `create hard link ${JSON.stringify(newPath)} to ${JSON.stringify(oldPath)} in ${where(directory)}: servlets may not create hard links`);
    },

    path_readlink(fd: number, pointer: number, length: number, _buffer: number, _bufferLength: number, _usedPointer: number): void {
      const [directory, path] = target(fd, pointer, length);
      access.refuse('not-permitted', `read symbolic link ${JSON.stringify(path)} in ${where(directory)}: servlets may not use symbolic links`);
    },

    path_remove_directory(fd: number, pointer: number, length: number): void {
      const [directory, path] = target(fd, pointer, length);
      if (endsInDot(path)) fail(ERRNO.inval);
      const reach = reachAt(directory, path, 'remove directory', true);
      access.run('remove directory', reach.guestPath, () => reach.backend.removeDirectory(reach.at));
    },

    path_rename(fd: number, oldPointer: number, oldLength: number, newFd: number, newPointer: number, newLength: number): void {
      const [from, oldPath] = target(fd, oldPointer, oldLength);
      const [to, newPath] = target(newFd, newPointer, newLength);
      if (endsInDot(oldPath) || endsInDot(newPath)) fail(ERRNO.inval);
      const source = reachAt(from, oldPath, 'rename', true);
      const destination = reachAt(to, newPath, 'rename to', true);
      access.run('rename', `${source.guestPath} to ${destination.guestPath}`, () => source.backend.rename(source.at, destination.at));
    },

    path_symlink(oldPointer: number, oldLength: number, fd: number, newPointer: number, newLength: number): void {
      const oldPath = host.memory().string(oldPointer, oldLength);
      const [directory, newPath] = target(fd, newPointer, newLength);
      access.refuse(
        'not-permitted',
        `create symbolic link ${JSON.stringify(newPath)} to ${JSON.stringify(oldPath)} in ${where(directory)}: servlets may not create symbolic links`,
      );
    },

    path_unlink_file(fd: number, pointer: number, length: number): void {
      const [directory, path] = target(fd, pointer, length);
      if (endsInDot(path)) fail(ERRNO.isdir);
      const reach = reachAt(directory, path, 'remove file', true);
      access.run('remove file', reach.guestPath, () => reach.backend.unlinkFile(reach.at));
    },
  };
}
