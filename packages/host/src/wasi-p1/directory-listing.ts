/**
 * `fd_readdir`'s listing and encoding. A listing is `.` and `..` (as POSIX and the preview-1
 * testsuite expect), then the entries sorted by name; cookies are positions in it. The descriptor
 * table keeps the listing of the descriptor being read (one at a time) while the guest reads on
 * with the cookies it was given, and the directory is read afresh at cookie 0 (as `rewinddir`
 * does), so a large directory is read once rather than once per buffer. Only names and kinds are
 * kept, never a host handle.
 *
 * Entries are packed as `dirent` headers followed by their names, into a buffer of the guest's
 * size; the last entry is cut when it does not fit (a full buffer tells the guest to call again,
 * with a larger buffer if one entry is too big).
 */
import type { FsEntry, FsNodeKind } from '../capabilities/fs/types.js';
import { LAYOUT } from './abi.js';
import { filetypeOf } from './file-values.js';

const encoder = new TextEncoder();

/** One entry of a listing; `inode` is looked up when the entry is first encoded. */
export interface ListedEntry {
  readonly name: string;
  readonly kind: FsNodeKind;
  inode?: bigint;
}

/** The listing of a directory whose entries (without `.` and `..`) are `entries`. */
export function directoryListing(entries: readonly FsEntry[]): ListedEntry[] {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return [{ name: '.', kind: 'directory' }, { name: '..', kind: 'directory' }, ...sorted.map(({ name, kind }) => ({ name, kind }))];
}

/**
 * The bytes `fd_readdir` answers for `listing` from `cookie`, at most `length` of them. `inodeOf`
 * gives the inode of an entry about to be encoded (0 when it cannot be known); it is remembered.
 */
export function encodeDirectory(listing: ListedEntry[], cookie: bigint, length: number, inodeOf: (entry: ListedEntry) => bigint = () => 0n): Uint8Array {
  // Only what fits is encoded: the guest's buffer size never decides how much the host allocates.
  const parts: Uint8Array[] = [];
  let used = 0;
  for (let index = cookie; index < BigInt(listing.length) && used < length; index++) {
    const entry = listing[Number(index)]!;
    entry.inode ??= inodeOf(entry);
    const name = encoder.encode(entry.name);
    const header = new Uint8Array(LAYOUT.dirent.size);
    const view = new DataView(header.buffer);
    view.setBigUint64(LAYOUT.dirent.next, index + 1n, true);
    view.setBigUint64(LAYOUT.dirent.ino, entry.inode, true);
    view.setUint32(LAYOUT.dirent.nameLength, name.length, true);
    view.setUint8(LAYOUT.dirent.type, filetypeOf(entry.kind));
    parts.push(header, name);
    used += header.length + name.length;
  }
  const out = new Uint8Array(Math.min(used, length));
  let offset = 0;
  for (const part of parts) {
    const room = Math.min(part.length, out.length - offset);
    out.set(part.subarray(0, room), offset);
    offset += room;
  }
  return out;
}
