/**
 * The file descriptor table of one instance. A descriptor is stdio, or a mount and names below
 * its root, never a host handle: every file operation checks the live grants and has the backend
 * walk there afresh (see `FsAccess`), so a revoke applies even to a descriptor the guest kept.
 * Each descriptor also carries the rights of WASI p1 (what the guest may do through it, narrowed
 * at will, never widened): they are checked before the grants, and a missing one is the guest's
 * own misuse (`ENOTCAPABLE`, or the POSIX errno where programs expect one), not a denial.
 *
 * fd 0 is an empty stdin, fd 1 and 2 go to the servlet's log. The granted mounts become the
 * preopened directories from fd 3 on, in grant order; they are read when the guest first touches
 * a descriptor above stdio (wasi-libc scans them on its first path operation), so an instance
 * sees the mounts of the call in which it first used files.
 */
import type { FsAccess, MountRef } from '../capabilities/fs/fs-access.js';
import { DIRECTORY_RIGHTS, INHERITED_RIGHTS, STDIN_RIGHTS, STDOUT_RIGHTS } from './abi.js';
import type { ListedEntry } from './directory-listing.js';
import { ERRNO, fail, type Errno } from './errno.js';

/**
 * Fails unless `entry` holds every right in `rights`, with `errno` (`ENOTCAPABLE` unless the
 * caller names the POSIX one, as `EBADF` for reading a file not opened for reading). A missing
 * right is the guest's own narrowing, never a denial of a grant.
 */
export function requireRights(entry: Descriptor, rights: bigint, errno: Errno = ERRNO.notcapable): void {
  if ((entry.rightsBase & rights) !== rights) fail(errno);
}

/** Most descriptors open at once in one instance; one more open fails with `EMFILE`. */
export const MAX_DESCRIPTORS = 1024;

/** Rights and flags every descriptor has; a guest may narrow the rights, never widen them. */
interface Rights {
  rightsBase: bigint;
  rightsInheriting: bigint;
  /** Its `fdflags` (append, dsync, nonblock, rsync, sync), as opened or last set. */
  flags: number;
}

/** Standard input (always at end of file) or output (to the log). */
export interface StdioDescriptor extends Rights {
  readonly kind: 'stdio';
  /** Where written bytes go; absent for stdin. */
  readonly sink?: (bytes: Uint8Array) => void;
}

/** A directory or regular file below a granted mount. */
export interface FileDescriptor extends Rights {
  readonly kind: 'directory' | 'regular-file';
  readonly mount: MountRef;
  readonly names: readonly string[];
  /** Offset of the next `fd_read`/`fd_write`. */
  position: bigint;
  /** The guest path of a preopened mount root (what `fd_prestat_dir_name` answers). */
  readonly preopen?: string;
}

/** One entry of the table. */
export type Descriptor = StdioDescriptor | FileDescriptor;

/** The descriptors of one instance, with stdio at 0-2 and the mounts preopened from 3. */
export class FdTable {
  readonly #entries = new Map<number, Descriptor>();
  #preopened = false;
  /**
   * The listing `fd_readdir` is reading through, and whose it is (names, never handles). One at a
   * time, so a guest that lists many descriptors holds no more than one directory's names.
   */
  #listing?: { of: FileDescriptor; entries: ListedEntry[] };

  constructor(
    private readonly access: FsAccess,
    stdout: (bytes: Uint8Array) => void,
    stderr: (bytes: Uint8Array) => void,
  ) {
    this.#entries.set(0, { kind: 'stdio', rightsBase: STDIN_RIGHTS, rightsInheriting: 0n, flags: 0 });
    this.#entries.set(1, { kind: 'stdio', sink: stdout, rightsBase: STDOUT_RIGHTS, rightsInheriting: 0n, flags: 0 });
    this.#entries.set(2, { kind: 'stdio', sink: stderr, rightsBase: STDOUT_RIGHTS, rightsInheriting: 0n, flags: 0 });
  }

  /** The descriptor `fd`, or `EBADF`. */
  get(fd: number): Descriptor {
    const number = fd >>> 0;
    if (number > 2) this.#preopen();
    return this.#entries.get(number) ?? fail(ERRNO.badf);
  }

  /** The file or directory `fd`; stdio fails with `stdioErrno`. */
  entry(fd: number, stdioErrno: Errno = ERRNO.badf): FileDescriptor {
    const entry = this.get(fd);
    if (entry.kind === 'stdio') fail(stdioErrno);
    return entry;
  }

  /** The directory `fd` (for `path_*` calls and listing), or `ENOTDIR`; it must hold `rights`. */
  directory(fd: number, rights: bigint): FileDescriptor {
    const entry = this.get(fd);
    if (entry.kind !== 'directory') fail(ERRNO.notdir);
    requireRights(entry, rights);
    return entry;
  }

  /** Fails with `EMFILE` when no descriptor is free; checked before an open does any I/O. */
  assertRoom(): void {
    this.#preopen();
    if (this.#entries.size >= MAX_DESCRIPTORS) fail(ERRNO.mfile);
  }

  /** Adds `entry` at the lowest free number, as POSIX does. */
  add(entry: Descriptor): number {
    this.assertRoom();
    let fd = 3;
    while (this.#entries.has(fd)) fd++;
    this.#entries.set(fd, entry);
    return fd;
  }

  close(fd: number): void {
    this.get(fd);
    this.#entries.delete(fd >>> 0);
  }

  /** `fd_renumber`: `from` takes the place of `to` (closing it); both must be open. */
  renumber(from: number, to: number): void {
    const entry = this.get(from);
    this.get(to);
    this.#entries.delete(from >>> 0);
    this.#entries.set(to >>> 0, entry);
  }

  /** The listing kept for `entry`, if it is the one kept. */
  listingOf(entry: FileDescriptor): ListedEntry[] | undefined {
    return this.#listing?.of === entry ? this.#listing.entries : undefined;
  }

  /** Keeps `entries` as the listing of `entry` (in place of any other). */
  keepListing(entry: FileDescriptor, entries: ListedEntry[]): void {
    this.#listing = { of: entry, entries };
  }

  /** Opens the granted mounts as fd 3, 4, … once; their grants are still checked on every use. */
  #preopen(): void {
    if (this.#preopened) return;
    this.#preopened = true;
    let fd = 3;
    for (const mount of this.access.mounts()) {
      if (fd >= MAX_DESCRIPTORS) break;
      this.#entries.set(fd++, {
        kind: 'directory',
        mount: { guestPath: mount.guestPath, hostPath: mount.hostPath },
        names: [],
        rightsBase: DIRECTORY_RIGHTS,
        rightsInheriting: INHERITED_RIGHTS,
        flags: 0,
        position: 0n,
        preopen: mount.guestPath,
      });
    }
  }
}

