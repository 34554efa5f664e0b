/**
 * `path_open`, with the rights rules of preview 1:
 * - the directory needs `path_open`, and `path_create_file` to create, `path_filestat_set_size`
 *   to truncate (`ENOTCAPABLE` without them);
 * - the new descriptor gets the rights asked for, within what the directory passes on and what
 *   its type can do: extra rights are dropped rather than refused, as the specification allows
 *   and as other hosts do (Go asks for a file's rights when it opens a directory);
 * - a directory asked for with the right to write is `EISDIR`, as POSIX's `O_WRONLY` is;
 * - `fdflags` `dsync`, `rsync` and `sync` need `fd_datasync`/`fd_sync` from the directory.
 * An open is a write, and so needs the mount read-write now, when it creates, truncates or asks
 * for `fd_write`; the other rights are checked against the live grants when they are used.
 */
import { ALL_FDFLAGS, DIRECTORY_RIGHTS, FDFLAG, FILE_RIGHTS, OFLAG, RIGHT } from './abi.js';
import { ERRNO, fail } from './errno.js';
import type { FileHost } from './file-values.js';
import { namesDirectory, type PathTargets } from './path-target.js';

const ALL_OFLAGS = OFLAG.create | OFLAG.directory | OFLAG.exclusive | OFLAG.truncate;

/** The `path_open` function. */
export function pathOpenFunction(host: FileHost, targets: PathTargets) {
  const { access, table } = host;
  return {
    path_open(
      fd: number,
      _lookupFlags: number, // symlinks are never followed either way: the backend refuses any it meets
      pointer: number,
      length: number,
      openFlags: number,
      rightsBase: bigint,
      rightsInheriting: bigint,
      fdFlags: number,
      fdPointer: number,
    ): void {
      host.memory().check(fdPointer, 4);
      const create = (openFlags & OFLAG.create) !== 0;
      const truncate = (openFlags & OFLAG.truncate) !== 0;
      const needed = RIGHT.pathOpen | (create ? RIGHT.pathCreateFile : 0n) | (truncate ? RIGHT.pathFilestatSetSize : 0n);
      const [directory, path] = targets.target(fd, needed, pointer, length);
      if (openFlags & ~ALL_OFLAGS || fdFlags & ~ALL_FDFLAGS) fail(ERRNO.inval);
      // Synchronous writes are a right the directory must pass on.
      const flagRights = (fdFlags & FDFLAG.dsync ? RIGHT.fdDatasync : 0n) | (fdFlags & (FDFLAG.rsync | FDFLAG.sync) ? RIGHT.fdSync : 0n);
      if ((flagRights & directory.rightsInheriting) !== flagRights) fail(ERRNO.notcapable);
      const granted = (BigInt.asUintN(64, rightsBase) | flagRights) & directory.rightsInheriting;
      const inheriting = BigInt.asUintN(64, rightsInheriting) & directory.rightsInheriting;
      const mustBeDirectory = (openFlags & OFLAG.directory) !== 0 || namesDirectory(path);
      // `name/` with create: POSIX's open(O_CREAT) of a directory name.
      if (create && namesDirectory(path)) fail(ERRNO.isdir);
      table.assertRoom(); // before the open, which may create a file
      const writes = create || truncate || (granted & RIGHT.fdWrite) !== 0n;
      const reach = targets.reach(directory, path, 'open', writes);
      const stat = access.run('open', reach.guestPath, () =>
        reach.backend.open(reach.at, { create, truncate, exclusive: (openFlags & OFLAG.exclusive) !== 0, directory: mustBeDirectory }),
      );
      if (stat.kind !== 'directory' && stat.kind !== 'regular-file') {
        host.access.refuse('not-permitted', `open ${reach.guestPath}: it is not a regular file or a directory`);
      }
      if (stat.kind === 'directory' && (granted & RIGHT.fdWrite) !== 0n) fail(ERRNO.isdir);
      const opened = table.add({
        kind: stat.kind,
        mount: directory.mount,
        names: reach.at.path,
        rightsBase: granted & (stat.kind === 'directory' ? DIRECTORY_RIGHTS : FILE_RIGHTS),
        rightsInheriting: inheriting,
        flags: fdFlags,
        position: 0n,
      });
      host.memory().setU32(fdPointer, opened);
    },
  };
}
