/**
 * Descriptor management and metadata: close, renumber, flags and rights, status, times, size,
 * sync, advice, preopen names and directory listing. Stdio has no file behind it: it answers a
 * character device with no seek rights (see `abi.ts`) and refuses file operations.
 */
import { LAYOUT, PREOPENTYPE_DIR, FDFLAG, RIGHT } from './abi.js';
import { encodeDirectory } from './directory-listing.js';
import { ERRNO, fail } from './errno.js';
import { reachEntry, timeChanges, writeFilestat, filetypeOf, type FileHost } from './file-values.js';

const encoder = new TextEncoder();

/** Highest `advice` value (`noreuse`). */
const MAX_ADVICE = 5;

/** The `fd_*` functions other than reading, writing and seeking. */
export function fdMetaFunctions(host: FileHost) {
  const sync = (fd: number, dataOnly: boolean) => {
    const entry = host.table.entry(fd, ERRNO.inval);
    const reach = reachEntry(host, entry, 'sync', false);
    host.access.run('sync', reach.guestPath, () => reach.backend.sync(reach.at, dataOnly));
  };

  return {
    fd_advise(fd: number, _offset: bigint, _length: bigint, advice: number): void {
      const entry = host.table.entry(fd, ERRNO.spipe);
      if (advice < 0 || advice > MAX_ADVICE) fail(ERRNO.inval);
      if (entry.kind !== 'regular-file') fail(ERRNO.badf);
      reachEntry(host, entry, 'advise', false); // advice is only a hint, but a revoked mount is still refused
    },

    fd_allocate(fd: number): void {
      host.table.get(fd);
      fail(ERRNO.notsup); // as other current hosts: preallocation is not offered
    },

    fd_close(fd: number): void {
      host.table.close(fd);
    },

    fd_renumber(from: number, to: number): void {
      host.table.renumber(from, to);
    },

    fd_datasync(fd: number): void {
      sync(fd, true);
    },

    fd_sync(fd: number): void {
      sync(fd, false);
    },

    fd_fdstat_get(fd: number, pointer: number): void {
      const memory = host.memory();
      memory.check(pointer, LAYOUT.fdstat.size);
      const entry = host.table.get(fd);
      memory.zero(pointer, LAYOUT.fdstat.size);
      memory.setU8(pointer + LAYOUT.fdstat.filetype, entry.kind === 'stdio' ? filetypeOf('character-device') : filetypeOf(entry.kind));
      memory.setU16(pointer + LAYOUT.fdstat.flags, entry.kind !== 'stdio' && entry.append ? FDFLAG.append : 0);
      memory.setU64(pointer + LAYOUT.fdstat.rightsBase, entry.rightsBase);
      memory.setU64(pointer + LAYOUT.fdstat.rightsInheriting, entry.rightsInheriting);
    },

    fd_fdstat_set_flags(fd: number, flags: number): void {
      const entry = host.table.get(fd);
      if (flags & ~(FDFLAG.append | FDFLAG.dsync | FDFLAG.nonblock | FDFLAG.rsync | FDFLAG.sync)) fail(ERRNO.inval);
      // Only append changes anything here: every operation already completes at once and is synchronous.
      if (entry.kind === 'regular-file') entry.append = (flags & FDFLAG.append) !== 0;
    },

    fd_fdstat_set_rights(fd: number, base: bigint, inheriting: bigint): void {
      const entry = host.table.get(fd);
      const wantedBase = BigInt.asUintN(64, base);
      const wantedInheriting = BigInt.asUintN(64, inheriting);
      // Rights only ever narrow: widening them would undo what the guest gave up.
      if ((wantedBase & ~entry.rightsBase) !== 0n || (wantedInheriting & ~entry.rightsInheriting) !== 0n) fail(ERRNO.notcapable);
      entry.rightsBase = wantedBase;
      entry.rightsInheriting = wantedInheriting;
    },

    fd_filestat_get(fd: number, pointer: number): void {
      const memory = host.memory();
      memory.check(pointer, LAYOUT.filestat.size);
      const entry = host.table.get(fd);
      if (entry.kind === 'stdio') return writeFilestat(memory, pointer, undefined);
      const reach = reachEntry(host, entry, 'stat', false);
      writeFilestat(memory, pointer, host.access.run('stat', reach.guestPath, () => reach.backend.stat(reach.at)));
    },

    fd_filestat_set_size(fd: number, size: bigint): void {
      const entry = host.table.entry(fd, ERRNO.inval);
      if (entry.kind !== 'regular-file') fail(ERRNO.isdir);
      if ((entry.rightsBase & RIGHT.fdFilestatSetSize) === 0n) fail(ERRNO.badf);
      const reach = reachEntry(host, entry, 'set size of', true);
      host.access.run('set size of', reach.guestPath, () => reach.backend.setSize(reach.at, BigInt.asUintN(64, size)));
    },

    fd_filestat_set_times(fd: number, accessed: bigint, modified: bigint, flags: number): void {
      const entry = host.table.entry(fd, ERRNO.badf);
      const [accessedChange, modifiedChange] = timeChanges(accessed, modified, flags);
      const reach = reachEntry(host, entry, 'set times of', true);
      host.access.run('set times of', reach.guestPath, () => reach.backend.setTimes(reach.at, accessedChange, modifiedChange));
    },

    fd_prestat_get(fd: number, pointer: number): void {
      const memory = host.memory();
      memory.check(pointer, LAYOUT.prestat.size);
      const entry = host.table.get(fd);
      // EBADF ends wasi-libc's scan of the preopens.
      if (entry.kind === 'stdio' || entry.preopen === undefined) fail(ERRNO.badf);
      memory.zero(pointer, LAYOUT.prestat.size);
      memory.setU8(pointer + LAYOUT.prestat.tag, PREOPENTYPE_DIR);
      memory.setU32(pointer + LAYOUT.prestat.nameLength, encoder.encode(entry.preopen).length);
    },

    fd_prestat_dir_name(fd: number, pointer: number, length: number): void {
      const memory = host.memory();
      memory.check(pointer, length);
      const entry = host.table.get(fd);
      if (entry.kind === 'stdio' || entry.preopen === undefined) fail(ERRNO.badf);
      const name = encoder.encode(entry.preopen);
      if (name.length > length >>> 0) fail(ERRNO.nametoolong);
      memory.write(pointer, name);
    },

    fd_readdir(fd: number, buffer: number, length: number, cookie: bigint, usedPointer: number): void {
      const memory = host.memory();
      memory.check(buffer, length);
      memory.check(usedPointer, 4);
      const entry = host.table.entry(fd, ERRNO.notdir);
      if (entry.kind !== 'directory') fail(ERRNO.notdir);
      const reach = reachEntry(host, entry, 'list', false);
      const entries = host.access.run('list', reach.guestPath, () => reach.backend.readDirectory(reach.at));
      const bytes = encodeDirectory(entries, BigInt.asUintN(64, cookie), length >>> 0);
      memory.write(buffer, bytes);
      memory.setU32(usedPointer, bytes.length);
    },
  };
}
