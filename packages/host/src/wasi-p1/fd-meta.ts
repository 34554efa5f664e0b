/**
 * Descriptor management and metadata: close, renumber, flags and rights, status, times, size,
 * sync, advice and allocation, preopen names. Stdio has no file behind it: it answers a character
 * device with no seek rights (see `abi.ts`) and refuses file operations. Each call needs its right
 * of preview 1 on the descriptor (`ENOTCAPABLE` without it; `EBADF` for a size change, as POSIX
 * answers for a file not open for writing) and, to reach a file, the live grant.
 */
import { ALL_FDFLAGS, LAYOUT, PREOPENTYPE_DIR, RIGHT } from './abi.js';
import { ERRNO, fail } from './errno.js';
import { requireRights } from './fd-table.js';
import { reachEntry, timeChanges, writeFilestat, filetypeOf, type FileHost } from './file-values.js';
import { fdReaddirFunction } from './fd-readdir.js';

const encoder = new TextEncoder();

/** Highest `advice` value (`noreuse`). */
const MAX_ADVICE = 5;

/** The `fd_*` functions other than reading, writing and seeking. */
export function fdMetaFunctions(host: FileHost) {
  const sync = (fd: number, dataOnly: boolean) => {
    const entry = host.table.entry(fd, ERRNO.inval);
    requireRights(entry, dataOnly ? RIGHT.fdDatasync : RIGHT.fdSync);
    const reach = reachEntry(host, entry, 'sync', false);
    host.access.run('sync', reach.guestPath, () => reach.backend.sync(reach.at, dataOnly));
  };

  return {
    ...fdReaddirFunction(host),

    fd_advise(fd: number, _offset: bigint, _length: bigint, advice: number): void {
      const entry = host.table.entry(fd, ERRNO.spipe);
      if (advice < 0 || advice > MAX_ADVICE) fail(ERRNO.inval);
      if (entry.kind !== 'regular-file') fail(ERRNO.badf);
      requireRights(entry, RIGHT.fdAdvise);
      reachEntry(host, entry, 'advise', false); // advice is only a hint, but a revoked mount is still refused
    },

    fd_allocate(fd: number): void {
      const entry = host.table.entry(fd, ERRNO.spipe);
      if (entry.kind !== 'regular-file') fail(ERRNO.isdir);
      requireRights(entry, RIGHT.fdAllocate);
      // As other current hosts: preallocation is not offered (Node has no fallocate, and growing
      // the file instead would promise space that a sparse file does not hold).
      fail(ERRNO.notsup);
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
      memory.setU16(pointer + LAYOUT.fdstat.flags, entry.flags);
      memory.setU64(pointer + LAYOUT.fdstat.rightsBase, entry.rightsBase);
      memory.setU64(pointer + LAYOUT.fdstat.rightsInheriting, entry.rightsInheriting);
    },

    fd_fdstat_set_flags(fd: number, flags: number): void {
      const entry = host.table.get(fd);
      requireRights(entry, RIGHT.fdFdstatSetFlags);
      if (flags & ~ALL_FDFLAGS) fail(ERRNO.inval);
      // Append and the synchronised-write flags change how writes go (`fd-io.ts`); non-blocking
      // changes nothing, since no operation here ever blocks.
      entry.flags = flags;
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
      requireRights(entry, RIGHT.fdFilestatGet);
      if (entry.kind === 'stdio') return writeFilestat(memory, pointer, undefined);
      const reach = reachEntry(host, entry, 'stat', false);
      writeFilestat(memory, pointer, host.access.run('stat', reach.guestPath, () => reach.backend.stat(reach.at)));
    },

    fd_filestat_set_size(fd: number, size: bigint): void {
      const entry = host.table.entry(fd, ERRNO.inval);
      if (entry.kind !== 'regular-file') fail(ERRNO.isdir);
      requireRights(entry, RIGHT.fdFilestatSetSize, ERRNO.badf);
      const reach = reachEntry(host, entry, 'set size of', true);
      host.access.run('set size of', reach.guestPath, () => reach.backend.setSize(reach.at, BigInt.asUintN(64, size)));
    },

    fd_filestat_set_times(fd: number, accessed: bigint, modified: bigint, flags: number): void {
      const entry = host.table.entry(fd, ERRNO.badf);
      requireRights(entry, RIGHT.fdFilestatSetTimes);
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
  };
}
