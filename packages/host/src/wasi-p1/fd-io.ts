/**
 * Reading, writing and seeking on descriptors: `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`,
 * `fd_seek`, `fd_tell`. Stdout and stderr go to the servlet's log, stdin is always at its end, and
 * files are reached through the live grants: a write needs the descriptor's write right (a file
 * opened read-only refuses it with `EBADF`) and a mount that is read-write now (else `EROFS`,
 * reported as a denial).
 */
import { RIGHT, WHENCE } from './abi.js';
import { ERRNO, fail } from './errno.js';
import type { Descriptor, FileDescriptor } from './fd-table.js';
import { reachEntry, type FileHost } from './file-values.js';
import type { GuestBuffer, GuestMemory } from './memory-view.js';

/** Most bytes one read answers; a guest asking for more gets less and reads again, as POSIX allows. */
const MAX_READ = 1024 * 1024;

/** The regular file `entry`, which must hold `right` (a guest's misuse: `EISDIR`/`EBADF`, not a denial). */
function regularFile(entry: FileDescriptor, right?: bigint): FileDescriptor {
  if (entry.kind !== 'regular-file') fail(ERRNO.isdir);
  if (right !== undefined && (entry.rightsBase & right) === 0n) fail(ERRNO.badf);
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
  return host.access.run('write', reach.guestPath, () => reach.backend.write(reach.at, offset, bytes));
}

/** `fd_read`/`fd_write` on stdio: stdin is empty, stdout and stderr are the log. */
function stdioRead(entry: Descriptor): number {
  if (entry.kind === 'stdio' && entry.sink) fail(ERRNO.badf);
  return 0;
}

/** The `fd_read`, `fd_write`, `fd_pread`, `fd_pwrite`, `fd_seek` and `fd_tell` functions. */
export function fdIoFunctions(host: FileHost) {
  return {
    fd_read(fd: number, iovs: number, iovsLength: number, nreadPointer: number): void {
      const memory = host.memory();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nreadPointer, 4);
      const entry = host.table.get(fd);
      if (entry.kind === 'stdio') return memory.setU32(nreadPointer, stdioRead(entry));
      const file = regularFile(entry, RIGHT.fdRead);
      const read = readFile(host, file, memory, buffers, file.position);
      file.position += BigInt(read);
      memory.setU32(nreadPointer, read);
    },

    fd_pread(fd: number, iovs: number, iovsLength: number, offset: bigint, nreadPointer: number): void {
      const memory = host.memory();
      const buffers = memory.iovecs(iovs, iovsLength);
      memory.check(nreadPointer, 4);
      const file = regularFile(host.table.entry(fd, ERRNO.spipe), RIGHT.fdRead);
      memory.setU32(nreadPointer, readFile(host, file, memory, buffers, BigInt.asUintN(64, offset)));
    },

    fd_write(fd: number, iovs: number, iovsLength: number, nwrittenPointer: number): void {
      const memory = host.memory();
      const bytes = memory.gather(memory.iovecs(iovs, iovsLength));
      memory.check(nwrittenPointer, 4);
      const entry = host.table.get(fd);
      if (entry.kind === 'stdio') {
        if (!entry.sink) fail(ERRNO.badf);
        entry.sink(bytes);
        return memory.setU32(nwrittenPointer, bytes.length);
      }
      const file = regularFile(entry, RIGHT.fdWrite);
      const written = writeFile(host, file, bytes, file.append ? 'append' : file.position);
      if (file.append) {
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
      const file = regularFile(host.table.entry(fd, ERRNO.spipe), RIGHT.fdWrite);
      memory.setU32(nwrittenPointer, writeFile(host, file, bytes, BigInt.asUintN(64, offset)));
    },

    fd_seek(fd: number, offset: bigint, whence: number, newOffsetPointer: number): void {
      const memory = host.memory();
      memory.check(newOffsetPointer, 8);
      const file = regularFile(host.table.entry(fd, ERRNO.spipe));
      let base: bigint;
      if (whence === WHENCE.set) base = 0n;
      else if (whence === WHENCE.current) base = file.position;
      else if (whence === WHENCE.end) {
        const reach = reachEntry(host, file, 'seek in', false);
        base = host.access.run('seek in', reach.guestPath, () => reach.backend.stat(reach.at)).size;
      } else fail(ERRNO.inval);
      const position = base + BigInt.asIntN(64, offset);
      if (position < 0n) fail(ERRNO.inval);
      file.position = position;
      memory.setU64(newOffsetPointer, position);
    },

    fd_tell(fd: number, offsetPointer: number): void {
      const memory = host.memory();
      memory.check(offsetPointer, 8);
      memory.setU64(offsetPointer, regularFile(host.table.entry(fd, ERRNO.spipe)).position);
    },
  };
}
