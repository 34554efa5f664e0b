/**
 * `fd_readdir`'s encoding: directory entries packed as `dirent` headers followed by their names,
 * from a cookie on, into a buffer of the guest's size. The last entry is cut when it does not fit
 * (a full buffer tells the guest to call again, with a larger buffer if one entry is too big).
 * Cookies are positions in the listing sorted by name, so they stay valid from call to call while
 * the directory does not change (the listing is read afresh each call, never kept).
 */
import type { FsEntry } from '../capabilities/fs/types.js';
import { LAYOUT } from './abi.js';
import { filetypeOf } from './file-values.js';

const encoder = new TextEncoder();

/** The bytes `fd_readdir` answers for `entries` from `cookie`, at most `length` of them. */
export function encodeDirectory(entries: readonly FsEntry[], cookie: bigint, length: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  // Only what fits is encoded: the guest's buffer size never decides how much the host allocates.
  const parts: Uint8Array[] = [];
  let used = 0;
  for (let index = cookie; index < BigInt(sorted.length) && used < length; index++) {
    const entry = sorted[Number(index)]!;
    const name = encoder.encode(entry.name);
    const header = new Uint8Array(LAYOUT.dirent.size);
    const view = new DataView(header.buffer);
    view.setBigUint64(LAYOUT.dirent.next, index + 1n, true);
    // No inode here: wasi-libc asks `path_filestat_get` (without following links) when it is 0.
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
