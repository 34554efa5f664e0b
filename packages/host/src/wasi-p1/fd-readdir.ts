/**
 * `fd_readdir`: the listing of a directory descriptor (`directory-listing.ts`), with `.` and `..`
 * and the inode of each entry, as preview 1's `dirent` carries them. `..` of a mount root is the
 * root itself, as in a chroot: nothing above a mount is ever looked at.
 */
import { RIGHT } from './abi.js';
import { directoryListing, encodeDirectory, type ListedEntry } from './directory-listing.js';
import { ERRNO, fail } from './errno.js';
import { requireRights } from './fd-table.js';
import { reachEntry, type FileHost } from './file-values.js';

/** The `fd_readdir` function. */
export function fdReaddirFunction(host: FileHost) {
  return {
    fd_readdir(fd: number, buffer: number, length: number, cookie: bigint, usedPointer: number): void {
      const memory = host.memory();
      memory.check(buffer, length);
      memory.check(usedPointer, 4);
      const entry = host.table.entry(fd, ERRNO.notdir);
      if (entry.kind !== 'directory') fail(ERRNO.notdir);
      requireRights(entry, RIGHT.fdReaddir);
      // The grant is checked on every call, also when the listing is already known.
      const reach = reachEntry(host, entry, 'list', false);
      const from = BigInt.asUintN(64, cookie);
      let listing = from === 0n ? undefined : host.table.listingOf(entry);
      if (!listing) {
        listing = directoryListing(host.access.run('list', reach.guestPath, () => reach.backend.readDirectory(reach.at)));
        host.table.keepListing(entry, listing);
      }
      const names = reach.at.path;
      const inodeOf = (listed: ListedEntry): bigint => {
        const path = listed.name === '.' ? names : listed.name === '..' ? names.slice(0, -1) : [...names, listed.name];
        try {
          return reach.backend.stat({ ...reach.at, path }).inode;
        } catch {
          return 0n; // gone since the listing was read: 0 says "unknown" (wasi-libc then asks fstatat)
        }
      };
      const bytes = encodeDirectory(listing, from, length >>> 0, inodeOf);
      memory.write(buffer, bytes);
      memory.setU32(usedPointer, bytes.length);
    },
  };
}
