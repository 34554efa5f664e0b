/**
 * Unit tests of our WASI preview 1 that need no files: the import module is complete, pointers are
 * bounds-checked, stdio and process functions, clocks and polling, and the directory encoding.
 * The functions are called as a guest calls them, with a real `WebAssembly.Memory`; programs built
 * from C run against them in packages/node/src/wasi-p1 and test/escape.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import type { FsContext } from '../capabilities/fs/types.js';
import { directoryListing, encodeDirectory } from './directory-listing.js';
import { ERRNO, WASI_P1_FILESYSTEM_IMPORTS, wasiPreview1, WasiExit, type WasiPreview1 } from './index.js';
import { climbsAbove, namesDirectory } from './path-target.js';

/** Every function of `wasi_snapshot_preview1` (witx of WASI preview 1). */
const ALL = `args_get args_sizes_get environ_get environ_sizes_get clock_res_get clock_time_get fd_advise fd_allocate fd_close
fd_datasync fd_fdstat_get fd_fdstat_set_flags fd_fdstat_set_rights fd_filestat_get fd_filestat_set_size fd_filestat_set_times
fd_pread fd_prestat_get fd_prestat_dir_name fd_pwrite fd_read fd_readdir fd_renumber fd_seek fd_sync fd_tell fd_write
path_create_directory path_filestat_get path_filestat_set_times path_link path_open path_readlink path_remove_directory
path_rename path_symlink path_unlink_file poll_oneoff proc_exit proc_raise sched_yield random_get sock_accept sock_recv
sock_send sock_shutdown`.split(/\s+/);

type Call = (...args: (number | bigint)[]) => number;

let memory: WebAssembly.Memory;
let view: DataView;
let log: string[];
let denials: string[];
let fs: FsContext;
let preview1: WasiPreview1;
let wasi: Record<string, Call>;

beforeEach(() => {
  memory = new WebAssembly.Memory({ initial: 1 });
  view = new DataView(memory.buffer);
  log = [];
  denials = [];
  fs = { mounts: [] };
  preview1 = wasiPreview1({
    memory: () => memory,
    log: (level, message) => log.push(`${level}: ${message}`),
    fs: { current: () => fs, deny: (detail) => denials.push(detail) },
    args: ['prog', 'ä'],
  });
  wasi = preview1.imports as unknown as Record<string, Call>;
});

const END = 65536;
const text = (pointer: number, length: number) => new TextDecoder().decode(new Uint8Array(memory.buffer, pointer, length));

/** Writes `strings` as bytes at 1024 on and one iovec per string at 256; answers the iovec count. */
function iovecs(...strings: string[]): number {
  let at = 1024;
  strings.forEach((string, index) => {
    const bytes = new TextEncoder().encode(string);
    new Uint8Array(memory.buffer).set(bytes, at);
    view.setUint32(256 + index * 8, at, true);
    view.setUint32(260 + index * 8, bytes.length, true);
    at += bytes.length;
  });
  return strings.length;
}

describe('the import module', () => {
  test('defines every WASI preview 1 function, and names the file ones among them', () => {
    assert.deepEqual(Object.keys(wasi).sort(), [...ALL].sort());
    for (const name of WASI_P1_FILESYSTEM_IMPORTS) assert.ok(ALL.includes(name), name);
    assert.ok(WASI_P1_FILESYSTEM_IMPORTS.includes('path_open') && !WASI_P1_FILESYSTEM_IMPORTS.includes('fd_write'));
  });
});

describe('bounds', () => {
  test('every out-of-range pointer or length is EFAULT', () => {
    assert.equal(wasi.args_sizes_get!(END - 2, 0), ERRNO.fault);
    assert.equal(wasi.args_get!(END, 0), ERRNO.fault);
    assert.equal(wasi.clock_time_get!(1, 0n, END - 4), ERRNO.fault);
    assert.equal(wasi.random_get!(END - 10, 11), ERRNO.fault);
    assert.equal(wasi.random_get!(-1, 1), ERRNO.fault, 'a negative i32 is a huge u32');
    assert.equal(wasi.fd_write!(1, END - 4, 1, 0), ERRNO.fault, 'iovec array past the end');
    view.setUint32(256, END - 2, true);
    view.setUint32(260, 3, true);
    assert.equal(wasi.fd_write!(1, 256, 1, 0), ERRNO.fault, 'iovec buffer past the end');
    assert.equal(wasi.fd_write!(1, 256, 0, END), ERRNO.fault, 'result pointer past the end');
    assert.equal(wasi.fd_fdstat_get!(1, END - 23), ERRNO.fault);
    assert.equal(wasi.poll_oneoff!(0, END - 10, 1, 0), ERRNO.fault);
    assert.equal(wasi.path_open!(3, 0, END - 1, 5, 0, 0n, 0n, 0, 0), ERRNO.fault);
    assert.deepEqual(log, []);
  });

  test('a memory that grew is seen at once', () => {
    memory.grow(1);
    assert.equal(wasi.random_get!(END + 100, 16), ERRNO.success);
  });
});

describe('process and stdio', () => {
  test('arguments as given, environment empty', () => {
    assert.equal(wasi.args_sizes_get!(0, 4), ERRNO.success);
    assert.deepEqual([view.getUint32(0, true), view.getUint32(4, true)], [2, 8]);
    assert.equal(wasi.args_get!(100, 200), ERRNO.success);
    assert.equal(text(view.getUint32(100, true), 4), 'prog');
    assert.equal(text(view.getUint32(104, true), 2), 'ä');
    assert.equal(view.getUint8(207), 0, 'NUL-terminated');
    assert.equal(wasi.environ_sizes_get!(0, 4), ERRNO.success);
    assert.deepEqual([view.getUint32(0, true), view.getUint32(4, true)], [0, 0]);
  });

  test('stdout and stderr become log lines, a partial line waits for its newline; stdin is at its end', () => {
    assert.equal(wasi.fd_write!(1, 256, iovecs('one\ntw', 'o\nthr'), 16), ERRNO.success);
    assert.equal(view.getUint32(16, true), 11);
    assert.equal(wasi.fd_write!(2, 256, iovecs('oops\n'), 16), ERRNO.success);
    assert.equal(wasi.fd_write!(1, 256, iovecs('ee\n'), 16), ERRNO.success);
    assert.deepEqual(log, ['info: one', 'info: two', 'warning: oops', 'info: three']);
    assert.equal(wasi.fd_write!(1, 256, iovecs('no newline, ', 'then the call ends'), 16), ERRNO.success);
    assert.equal(wasi.fd_write!(2, 256, iovecs('half'), 16), ERRNO.success);
    assert.equal(log.length, 4, 'a partial line waits');
    preview1.flushOutput();
    assert.deepEqual(log.slice(4), ['info: no newline, then the call ends', 'warning: half']);
    preview1.flushOutput();
    assert.equal(log.length, 6, 'flushing again sends nothing');
    assert.equal(wasi.fd_read!(0, 256, iovecs('xxxx'), 16), ERRNO.success);
    assert.equal(view.getUint32(16, true), 0);
    assert.equal(wasi.fd_write!(0, 256, iovecs('x'), 16), ERRNO.badf);
    assert.equal(wasi.fd_seek!(1, 0n, 0, 16), ERRNO.spipe);
  });

  test('stdio looks like a terminal to libc (a character device without seek), so stdout is line-buffered', () => {
    assert.equal(wasi.fd_fdstat_get!(1, 0), ERRNO.success);
    assert.equal(view.getUint8(0), 2);
    assert.equal(view.getBigUint64(8, true) & 0b100100n, 0n);
  });

  test('proc_exit sends a last partial line and throws WasiExit with the code; sockets, signals and unknown descriptors are refused', () => {
    assert.equal(wasi.fd_write!(1, 256, iovecs('last words'), 16), ERRNO.success);
    assert.throws(() => wasi.proc_exit!(7), (error: unknown) => error instanceof WasiExit && error.code === 7);
    assert.deepEqual(log, ['info: last words']);
    assert.equal(wasi.proc_raise!(6), ERRNO.notsup);
    assert.equal(wasi.sock_accept!(1, 0, 0), ERRNO.notsock, 'stdout is not a socket');
    assert.equal(wasi.sock_shutdown!(2, 0), ERRNO.notsock);
    assert.equal(wasi.sock_recv!(99, 0, 0, 0, 0, 0), ERRNO.badf);
    assert.equal(wasi.fd_close!(99), ERRNO.badf);
    assert.equal(wasi.sched_yield!(), ERRNO.success);
  });

  test('a failure that is not the guest’s to see (here the log sink) propagates', () => {
    const failing = wasiPreview1({
      memory: () => memory,
      log: () => {
        throw new Error('log limit');
      },
      fs: { current: () => fs, deny: () => {} },
    }).imports as unknown as Record<string, Call>;
    assert.throws(() => failing.fd_write!(1, 256, iovecs('line\n'), 16), /log limit/);
  });
});

describe('files without a grant', () => {
  test('no mount: no preopen', () => {
    assert.equal(wasi.fd_prestat_get!(3, 0), ERRNO.badf);
    assert.deepEqual(denials, []);
  });

  test('a mount in an environment without files (no backend): no preopen either', () => {
    fs = { mounts: [{ guestPath: '/data', hostPath: '/srv/data', readOnly: false, identity: { device: '1', inode: '2' } }] };
    assert.equal(wasi.fd_prestat_get!(3, 0), ERRNO.badf);
  });

  test('preopens are named by guest path', () => {
    fs = { mounts: [{ guestPath: '/data', hostPath: '/srv/data', readOnly: false, identity: { device: '1', inode: '2' } }], backend: {} as FsContext['backend'] };
    assert.equal(wasi.fd_prestat_get!(3, 0), ERRNO.success);
    assert.deepEqual([view.getUint8(0), view.getUint32(4, true)], [0, 5]);
    assert.equal(wasi.fd_prestat_dir_name!(3, 16, 4), ERRNO.nametoolong);
    assert.equal(wasi.fd_prestat_dir_name!(3, 16, 5), ERRNO.success);
    assert.equal(text(16, 5), '/data');
    assert.equal(wasi.fd_prestat_get!(4, 0), ERRNO.badf);
  });
});

describe('clocks and polling', () => {
  test('realtime, monotonic and CPU-time clocks; unknown clocks are EINVAL', () => {
    assert.equal(wasi.clock_time_get!(0, 0n, 0), ERRNO.success);
    const wall = view.getBigUint64(0, true);
    assert.ok(wall > BigInt(Date.now() - 1000) * 1_000_000n);
    for (const id of [1, 2, 3]) assert.equal(wasi.clock_time_get!(id, 0n, 0), ERRNO.success);
    assert.equal(wasi.clock_time_get!(9, 0n, 0), ERRNO.inval);
    assert.equal(wasi.clock_res_get!(1, 0), ERRNO.success);
    assert.equal(wasi.clock_res_get!(9, 0), ERRNO.inval);
  });

  test('poll_oneoff sleeps until the earliest clock and reports it', () => {
    for (const [index, ms] of [[0, 40], [1, 5000]] as const) {
      const at = index * 48;
      view.setBigUint64(at, BigInt(100 + index), true); // userdata
      view.setUint8(at + 8, 0); // clock
      view.setUint32(at + 16, 1, true); // monotonic
      view.setBigUint64(at + 24, BigInt(ms) * 1_000_000n, true); // relative timeout
    }
    const start = performance.now();
    assert.equal(wasi.poll_oneoff!(0, 1024, 2, 2048), ERRNO.success);
    const elapsed = performance.now() - start;
    // poll_oneoff must wait at least the shortest timeout (40 ms); how much longer is the scheduler's business.
    assert.ok(elapsed >= 39, `slept ${elapsed} ms`);
    assert.equal(view.getUint32(2048, true), 1);
    assert.equal(view.getBigUint64(1024, true), 100n);
    assert.equal(wasi.poll_oneoff!(0, 1024, 0, 2048), ERRNO.inval);
  });

  test('an fd subscription answers at once', () => {
    view.setBigUint64(0, 7n, true);
    view.setUint8(8, 2); // fd_write
    view.setUint32(16, 1, true);
    assert.equal(wasi.poll_oneoff!(0, 1024, 1, 2048), ERRNO.success);
    assert.deepEqual([view.getUint32(2048, true), view.getBigUint64(1024, true), view.getUint16(1032, true)], [1, 7n, 0]);
  });
});

describe('stdio rights', () => {
  test('stdin reads, stdout and stderr write; none seeks, sizes or lists; flags may be set', () => {
    assert.equal(wasi.fd_write!(0, 256, iovecs('x'), 16), ERRNO.badf);
    assert.equal(wasi.fd_read!(1, 256, iovecs('x'), 16), ERRNO.badf);
    assert.equal(wasi.fd_tell!(1, 16), ERRNO.spipe);
    assert.equal(wasi.fd_pwrite!(1, 256, iovecs('x'), 0n, 16), ERRNO.spipe);
    assert.equal(wasi.fd_allocate!(1, 0n, 1n), ERRNO.spipe);
    assert.equal(wasi.fd_filestat_set_size!(1, 0n), ERRNO.inval);
    assert.equal(wasi.fd_readdir!(1, 0, 64, 0n, 128), ERRNO.notdir);
    assert.equal(wasi.fd_fdstat_set_flags!(1, 4), ERRNO.success, 'Go asks for non-blocking stdio');
    assert.equal(wasi.fd_fdstat_get!(1, 0), ERRNO.success);
    assert.equal(view.getUint16(2, true), 4);
    assert.equal(wasi.fd_fdstat_set_flags!(1, 64), ERRNO.inval);
    assert.equal(wasi.fd_fdstat_set_rights!(1, 0n, 0n), ERRNO.success);
    assert.equal(wasi.fd_write!(1, 256, iovecs('x'), 16), ERRNO.badf, 'a right given up is gone');
    assert.equal(wasi.fd_fdstat_set_flags!(1, 0), ERRNO.notcapable);
    assert.equal(wasi.fd_filestat_get!(1, 0), ERRNO.notcapable);
  });
});

describe('paths spelled as directories, and above their directory', () => {
  test('a trailing slash, `.` or `..` names a directory', () => {
    for (const path of ['a/', 'a//', 'a/.', 'a/..', '.', '..', 'a/b/']) assert.equal(namesDirectory(path), true, path);
    for (const path of ['a', 'a/b', '.a', 'a..', 'a/.b']) assert.equal(namesDirectory(path), false, path);
  });

  test('`..` may not climb above the directory a path is relative to', () => {
    for (const path of ['..', '../a', 'a/../..', 'a/./../../a', 'a/b/../../../a']) assert.equal(climbsAbove(path), true, path);
    for (const path of ['a/..', 'a/b/../..', './a/../b', 'a//..//b/..']) assert.equal(climbsAbove(path), false, path);
  });
});

describe('directory encoding', () => {
  const listing = directoryListing([
    { name: 'b.txt', kind: 'regular-file' },
    { name: 'a', kind: 'directory' },
  ]);

  test('`.` and `..` first, then sorted by name; cookies continue; inodes asked once; the last entry is cut to the buffer', () => {
    const asked: string[] = [];
    const inodeOf = (entry: { name: string }) => {
      asked.push(entry.name);
      return BigInt(100 + asked.length);
    };
    const all = encodeDirectory(listing, 0n, 4096, inodeOf);
    assert.equal(all.length, 24 + 1 + 24 + 2 + 24 + 1 + 24 + 5);
    const header = new DataView(all.buffer, all.byteOffset);
    assert.deepEqual([header.getBigUint64(0, true), header.getBigUint64(8, true), header.getUint32(16, true), header.getUint8(20)], [1n, 101n, 1, 3]);
    assert.equal(new TextDecoder().decode(all.subarray(24, 25)), '.');
    assert.deepEqual(asked, ['.', '..', 'a', 'b.txt']);
    assert.equal(encodeDirectory(listing, 3n, 4096, inodeOf).length, 24 + 5);
    assert.equal(asked.length, 4, 'inodes are remembered');
    assert.equal(encodeDirectory(listing, 0n, 30).length, 30);
    assert.equal(encodeDirectory(listing, 4n, 4096).length, 0);
  });
});
