/**
 * Reading, writing and seeking on descriptors: `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`,
 * `fd_seek`, `fd_tell`. Stdout and stderr go to the servlet's log, stdin is always at its end, and
 * files are reached through the live grants. The rights come first, as preview 1 defines them:
 * reading needs `fd_read` and writing `fd_write` (else `EBADF`, POSIX's answer for a file not
 * opened so), `fd_pread`/`fd_pwrite` need `fd_seek` too, `fd_seek` needs `fd_seek` (or only
 * `fd_tell` to ask where it is), `fd_tell` either; a directory is `EISDIR`, stdio `ESPIPE` where
 * it cannot seek. Then a write needs a mount that is read-write now (else `EROFS`, a denial).
 */
import { FDFLAG, RIGHT, WHENCE } from './abi.js';
import { ERRNO, fail, type Errno } from './errno.js';
import { requireRights, type Descriptor, type FileDescriptor } from './fd-table.js';
import { reachEntry, type FileHost } from './file-values.js';
import type { GuestBuffer, GuestMemory } from './memory-view.js';

/** Most bytes one read answers; a guest asking for more gets less and reads again, as POSIX allows. */
const MAX_READ = 1024 * 1024;

/**
 * The regular file `entry` (a directory is `EISDIR`, stdio `stdioErrno`), which must hold
 * `right` (else `errno`) and `alsoNeeded` (else `ENOTCAPABLE`).
 */
function regularFile(entry: Descriptor, stdioErrno: Errno, right: bigint, errno: Errno, alsoNeeded = 0n): FileDescriptor {
  if (entry.kind === 'stdio') fail(stdioErrno);
  if (entry.kind !== 'regular-file') fail(ERRNO.isdir);
  requireRights(entry, right, errno);
  requireRights(entry, alsoNeeded);
  return entry;
}

function readFile(host: FileHost, entry: FileDescriptor, memory: GuestMemory, buffers: GuestBuffer[], offset: bigint): number {
  const wanted = Math.min(MAX_READ, buffers.reduce((sum, buffer) => sum + buffer.length, 0));
  const reach = reachEntry(host, entry, 'read', false);
  const bytes = host.access.run('read', reach.guestPath, () => reach.backend.read(reach.at, offset, wanted));
  return memory.scatter(buffers, bytes);
}

function writeFile(host: FileHost, entry: FileDescriptor, bytes: Uint8Array, offset: bigint | 'append'): number {
  const reach = reachEntry(host, entry, 'write', true);
  const written = host.access.run('write', reach.guestPath, () => reach.backend.write(reach.at, offset, bytes));
  // Opened for synchronised writes (`dsync`, `sync`): each write reaches storage before it returns.
  if (entry.flags & (FDFLAG.dsync | FDFLAG.sync)) {
    host.access.run('sync', reach.guestPath, () => reach.backend.sync(reach.at, (entry.flags & FDFLAG.sync) === 0));
  }
  return written;
}

/** The `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`, `fd_seek` and `fd_tell` functions. */
export function fdIoFunctions(host: FileHost) {
  return {
    fd_read(fd: number, iovs: number, iovsLength: number, nreadPointer: number): void {
      const memory = host.memory();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nreadPointer, 4);
      const entry = host.table.get(fd);
      if (entry.kind === 'stdio') {
        requireRights(entry, RIGHT.fdRead, ERRNO.badf);
        return memory.setU32(nreadPointer, 0); // stdin is always at its end
      }
      const file = regularFile(entry, ERRNO.badf, RIGHT.fdRead, ERRNO.badf);
      const read = readFile(host, file, memory, buffers, file.position);
      file.position += BigInt(read);
      memory.setU32(nreadPointer, read);
    },

    fd_pread(fd: number, iovs: number, iovsLength: number, offset: bigint, nreadPointer: number): void {
      const memory = host.memory();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nreadPointer, 4);
      const file = regularFile(host.table.get(fd), ERRNO.spipe, RIGHT.fdRead, ERRNO.badf, RIGHT.fdSeek);
      memory.setU32(nreadPointer, readFile(host, file, memory, buffers, BigInt.asUintN(64, offset)));
    },

    fd_write(fd: number, iovs: number, iovsLength: number, nwrittenPointer: number): void {
      const memory = host.memory();
      const bytes = memory.gather(memory.iovecs(iovs, iovsLength));
      memory.check(nwrittenPointer, 4);
      const entry = host.table.get(fd);
      if (entry.kind === 'stdio') {
        requireRights(entry, RIGHT.fdWrite, ERRNO.badf);
        entry.sink?.(bytes);
        return memory.setU32(nwrittenPointer, bytes.length);
      }
      const file = regularFile(entry, ERRNO.badf, RIGHT.fdWrite, ERRNO.badf);
      const append = (file.flags & FDFLAG.append) !== 0;
      const written = writeFile(host, file, bytes, append ? 'append' : file.position);
      if (append) {
        // After an append the offset is the end of the file, as POSIX has it.
        const reach = reachEntry(host, file, 'stat', false);
        file.position = host.access.run('stat', reach.guestPath, () => reach.backend.stat(reach.at)).size;
      } else {
        file.position += BigInt(written);
      }
      memory.setU32(nwrittenPointer, written);
    },

    fd_pwrite(fd: number, iovs: number, iovsLength: number, offset: bigint, nwrittenPointer: number): void {
      const memory = host.memory();
      const bytes = memory.gather(memory.iovecs(iovs, iovsLength));
      memory.check(nwrittenPointer, 4);
      const file = regularFile(host.table.get(fd), ERRNO.spipe, RIGHT.fdWrite, ERRNO.badf, RIGHT.fdSeek);
      // At the offset even in append mode (POSIX; Linux would append): the offset is what was asked for.
      memory.setU32(nwrittenPointer, writeFile(host, file, bytes, BigInt.asUintN(64, offset)));
    },

    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPointer: number): void {
      const memory = host.memory();
      memory.check(newOffsetPointer, 8);
      const delta = BigInt.asIntN(64, offset);
      // Asking where the offset is (`cur`, 0) is all `fd_tell` allows; moving it needs `fd_seek`.
      const onlyTells = whence === WHENCE.current && delta === 0n;
      const entry = host.table.get(fd);
      const file = regularFile(entry, ERRNO.spipe, 0n, ERRNO.notcapable);
      if (!onlyTells || (file.rightsBase & RIGHT.fdTell) === 0n) requireRights(file, RIGHT.fdSeek);
      let base: bigint;
      if (whence === WHENCE.set) base = 0n;
      else if (whence === WHENCE.current) base = file.position;
      else if (whence === WHENCE.end) {
        const reach = reachEntry(host, file, 'seek in', false);
        base = host.access.run('seek in', reach.guestPath, () => reach.backend.stat(reach.at)).size;
      } else fail(ERRNO.inval);
      const position = base + delta;
      if (position < 0n) fail(ERRNO.inval);
      file.position = position;
      memory.setU64(newOffsetPointer, position);
    },

    fd_tell(fd: number, offsetPointer: number): void {
      const memory = host.memory();
      memory.check(offsetPointer, 8);
      const file = regularFile(host.table.get(fd), ERRNO.spipe, 0n, ERRNO.notcapable);
      // `fd_seek` implies `fd_tell` (preview 1's rights).
      if ((file.rightsBase & (RIGHT.fdTell | RIGHT.fdSeek)) === 0n) fail(ERRNO.notcapable);
      memory.setU64(offsetPointer, file.position);
    },
  };
}
