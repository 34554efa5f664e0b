// Reading files through WASI preview 1 (AssemblyScript has no file API). The host shows a servlet
// only the directories it was granted, as preopened directories named by their guest path
// (servlet.json's "guest"); everything else does not exist for it.

@external("wasi_snapshot_preview1", "fd_prestat_get")
declare function fd_prestat_get(fd: u32, prestat: usize): u16;
@external("wasi_snapshot_preview1", "fd_prestat_dir_name")
declare function fd_prestat_dir_name(fd: u32, path: usize, length: u32): u16;
@external("wasi_snapshot_preview1", "path_open")
declare function path_open(dirfd: u32, lookupFlags: u32, path: usize, pathLength: u32, openFlags: u16, rightsBase: u64, rightsInheriting: u64, fdFlags: u16, opened: usize): u16;
@external("wasi_snapshot_preview1", "fd_read")
declare function fd_read(fd: u32, iovs: usize, iovsLength: u32, read: usize): u16;
@external("wasi_snapshot_preview1", "fd_close")
declare function fd_close(fd: u32): u16;

const ERRNO_BADF: u16 = 8;
const ERRNO_NOENT: u16 = 44;
const RIGHT_FD_READ: u64 = 1 << 1;

/** The outcome of a file operation: `errno` is 0 on success, else a WASI errno (e.g. 2 access, 44 noent, 76 notcapable). */
export class FileResult {
  constructor(public errno: u16, public text: string) {}
  get ok(): bool {
    return this.errno == 0;
  }
}

class Preopen {
  constructor(public fd: u32, public rest: string) {}
}

/** The preopened directory holding `path` (the longest guest-path prefix) and the rest of the path. */
function findPreopen(path: string): Preopen | null {
  const prestat = new ArrayBuffer(8);
  let best: i32 = -1;
  let bestName = "";
  for (let fd: u32 = 3; fd < 64; fd++) {
    const errno = fd_prestat_get(fd, changetype<usize>(prestat));
    if (errno == ERRNO_BADF) break;
    if (errno != 0 || load<u8>(changetype<usize>(prestat)) != 0) continue;
    const length = load<u32>(changetype<usize>(prestat), 4);
    const name = new ArrayBuffer(length);
    if (fd_prestat_dir_name(fd, changetype<usize>(name), length) != 0) continue;
    const dir = String.UTF8.decode(name);
    const inside = path == dir || path.startsWith(dir.endsWith("/") ? dir : dir + "/");
    if (inside && dir.length > bestName.length) {
      best = <i32>fd;
      bestName = dir;
    }
  }
  if (best < 0) return null;
  let rest = path.substring(bestName.length);
  while (rest.startsWith("/")) rest = rest.substring(1);
  return new Preopen(<u32>best, rest.length == 0 ? "." : rest);
}

/** Reads the whole text file at the absolute guest `path`. */
export function readTextFile(path: string): FileResult {
  const where = findPreopen(path);
  if (where === null) return new FileResult(ERRNO_NOENT, "");
  const relative = String.UTF8.encode(where.rest);
  const opened = new ArrayBuffer(4);
  const errno = path_open(where.fd, 0, changetype<usize>(relative), <u32>relative.byteLength, 0, RIGHT_FD_READ, 0, 0, changetype<usize>(opened));
  if (errno != 0) return new FileResult(errno, "");
  const fd = load<u32>(changetype<usize>(opened));
  const chunk = new ArrayBuffer(65536);
  const iovec = new ArrayBuffer(8);
  const read = new ArrayBuffer(4);
  store<u32>(changetype<usize>(iovec), changetype<usize>(chunk));
  store<u32>(changetype<usize>(iovec), <u32>chunk.byteLength, 4);
  const parts: string[] = [];
  let pending = new Uint8Array(0); // a UTF-8 sequence cut at a chunk boundary
  let result: u16 = 0;
  for (;;) {
    result = fd_read(fd, changetype<usize>(iovec), 1, changetype<usize>(read));
    const count = load<u32>(changetype<usize>(read));
    if (result != 0 || count == 0) break;
    const bytes = new Uint8Array(pending.length + <i32>count);
    bytes.set(pending);
    bytes.set(Uint8Array.wrap(chunk, 0, <i32>count), pending.length);
    let end = bytes.length;
    // Keep an incomplete trailing sequence for the next chunk.
    let back = end - 1;
    while (back >= 0 && end - back <= 4 && (bytes[back] & 0xc0) == 0x80) back--;
    if (back >= 0) {
      const lead = bytes[back];
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (end - back < need) end = back;
    }
    parts.push(String.UTF8.decode(bytes.buffer.slice(0, end)));
    pending = bytes.slice(end);
  }
  fd_close(fd);
  if (result != 0) return new FileResult(result, "");
  if (pending.length > 0) parts.push(String.UTF8.decode(pending.buffer));
  return new FileResult(0, parts.join(""));
}
