/**
 * Our WASI preview 1's files with a real C reactor (test/fixtures/wasi-p1/files.c, through
 * wasi-libc) on real temporary directories through the Node backend: what a guest may do on its
 * mounts, and each refusal with the errno it sees and the denial for the audit log. Also the fd
 * table's bound and bad pointers (EFAULT).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, beforeEach, describe, test } from 'node:test';
import { WASI_P1_ERRNO as E, type Mount } from '@mcp-wasm/host';
import { createNodeFsBackend } from '../fs-backend/node-fs-backend.js';
import { mountFor } from '../fs-backend/mount-roots.js';
import { cGuestModule, wasiP1Guest, type WasiP1Guest } from '../../../../test/support/c-guests.js';

const backend = createNodeFsBackend();
let module: WebAssembly.Module;
let base: string;
let mounts: Mount[];
let guest: WasiP1Guest;

before(() => {
  module = cGuestModule('files', { reactor: true });
});

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'mcp-wasm-wasi-p1-'));
  for (const dir of ['data', 'docs', 'outside']) mkdirSync(join(base, dir));
  writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
  writeFileSync(join(base, 'docs', 'guide.md'), '# guide\n');
  writeFileSync(join(base, 'outside', 'secret.txt'), 'TOP SECRET');
  mounts = [
    mountFor(join(base, 'data'), '/data', false),
    mountFor(join(base, 'docs'), '/docs', true),
  ];
  guest = wasiP1Guest(module, { mounts, backend });
});

const op = (name: string, arg1: string, arg2?: string): number => guest.op(name, arg1, arg2);
const read = (path: string): string => guest.read(path);

function assertDenied(pattern: RegExp): void {
  assert.ok(guest.denials.some((detail) => pattern.test(detail)), `no denial matching ${pattern}: ${JSON.stringify(guest.denials)}`);
}

describe('allowed on granted mounts', () => {
  test('read, write, append, list, stat, rename, unlink, mkdir, rmdir, truncate, touch in a read-write mount', () => {
    assert.equal(read('/data/inside.txt'), 'inside');
    assert.equal(op('write_file', '/data/new.txt', 'hello'), 5);
    assert.equal(op('append_file', '/data/new.txt', ' world'), 6);
    assert.equal(readFileSync(join(base, 'data', 'new.txt'), 'utf8'), 'hello world');
    assert.equal(op('stat_size', '/data/new.txt'), 11);
    assert.equal(op('make_dir', '/data/sub'), 0);
    assert.equal(op('lstat_kind', '/data/sub'), 2);
    const listed = op('list_dir', '/data');
    assert.deepEqual(guest.out(listed).split('\n').filter(Boolean).sort(), ['../', './', 'inside.txt', 'new.txt', 'sub/']);
    assert.equal(op('rename_path', '/data/new.txt', '/data/sub/moved.txt'), 0);
    assert.equal(readFileSync(join(base, 'data', 'sub', 'moved.txt'), 'utf8'), 'hello world');
    assert.equal(op('truncate_path', '/data/sub/moved.txt'), 0);
    assert.equal(readFileSync(join(base, 'data', 'sub', 'moved.txt'), 'utf8'), 'he');
    assert.equal(op('touch_path', '/data/sub/moved.txt'), 0);
    assert.equal(op('unlink_path', '/data/sub/moved.txt'), 0);
    assert.equal(op('remove_dir', '/data/sub'), 0);
    assert.equal(existsSync(join(base, 'data', 'sub')), false);
    assert.equal(op('read_file', '/data/missing.txt'), -E.noent);
    assert.equal(op('remove_dir', '/data/inside.txt'), -E.notdir);
    assert.deepEqual(guest.denials, [], 'nothing allowed is reported as denied');
  });

  test('a read-only mount can be read and listed', () => {
    assert.equal(read('/docs/guide.md'), '# guide\n');
    assert.equal(guest.out(op('list_dir', '/docs')), './\n../\nguide.md\n');
    assert.deepEqual(guest.denials, []);
  });
});

describe('refused', () => {
  test('every write to a read-only mount: EROFS and a denial', () => {
    const attempts: [string, string, string?][] = [
      ['write_file', '/docs/new.md', 'x'],
      ['write_file', '/docs/guide.md', 'overwritten'],
      ['open_rw', '/docs/guide.md'],
      ['make_dir', '/docs/sub'],
      ['unlink_path', '/docs/guide.md'],
      ['rename_path', '/docs/guide.md', '/docs/renamed.md'],
      ['rename_path', '/docs/guide.md', '/data/stolen.md'],
      ['truncate_path', '/docs/guide.md'],
      ['touch_path', '/docs/guide.md'],
    ];
    for (const [name, arg1, arg2] of attempts) assert.equal(op(name, arg1, arg2), -E.rofs, `${name} ${arg1}`);
    assert.equal(readFileSync(join(base, 'docs', 'guide.md'), 'utf8'), '# guide\n');
    assert.deepEqual(readFileSync(join(base, 'docs', 'guide.md')).length, 8);
    assert.equal(existsSync(join(base, 'data', 'stolen.md')), false);
    assertDenied(/\/docs was granted read-only/);
    assert.equal(guest.denials.length, attempts.length);
  });

  test('a descriptor opened read-only cannot write (EBADF), even on a read-write mount', () => {
    const fd = op('keep_open', '/data/inside.txt');
    assert.ok(fd >= 3);
    guest.setArg('arg2', 'overwrite');
    assert.equal(guest.call('write_kept', fd), -E.badf);
    assert.equal(readFileSync(join(base, 'data', 'inside.txt'), 'utf8'), 'inside');
  });

  test('`..` out of a mount, through libc and raw: EPERM and a denial', () => {
    assert.equal(op('read_file', '/data/../outside/secret.txt'), -E.perm);
    assertDenied(/`\.\.` leads outside the granted directory/);
    guest.setArg('arg1', 'sub/../../outside/secret.txt');
    assert.equal(guest.call('raw_open', 3, 0, 2n), -E.perm);
    assert.equal(guest.call('raw_open', 3, 0, 2n), -E.perm);
  });

  test('an absolute path handed to the host: EPERM and a denial', () => {
    guest.setArg('arg1', `${base}/outside/secret.txt`);
    assert.equal(guest.call('raw_open', 3, 0, 2n), -E.perm);
    assertDenied(/absolute paths are not accepted/);
    // Through libc, a path outside every preopen never reaches the host at all.
    assert.equal(op('read_file', `${base}/outside/secret.txt`), -E.notcapable);
  });

  test('a planted symlink is never followed, and links cannot be made or read', () => {
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'link'));
    symlinkSync(join(base, 'outside'), join(base, 'data', 'dirlink'));
    assert.equal(op('read_file', '/data/link'), -E.perm);
    assertDenied(/\/data\/link: a symbolic link is on the way/);
    assert.equal(op('read_file', '/data/dirlink/secret.txt'), -E.perm);
    assert.equal(op('stat_size', '/data/link'), -E.perm, 'stat follows links: refused');
    assert.equal(op('lstat_kind', '/data/link'), 1, 'lstat sees the link itself');
    assert.match(guest.out(op('list_dir', '/data')), /^link$/m, 'listing shows it');
    assert.equal(op('symlink_path', '/etc/passwd', '/data/made'), -E.perm);
    assertDenied(/servlets may not create symbolic links/);
    assert.equal(op('link_path', '/data/inside.txt', '/data/hard'), -E.perm);
    assertDenied(/servlets may not create hard links/);
    assert.equal(op('readlink_path', '/data/link'), -E.perm);
    assertDenied(/servlets may not use symbolic links/);
    assert.equal(existsSync(join(base, 'data', 'made')), false);
    assert.equal(existsSync(join(base, 'data', 'hard')), false);
  });

  test('a FIFO is not opened (and the call does not block)', () => {
    execFileSync('mkfifo', [join(base, 'data', 'pipe')]);
    assert.equal(op('read_file', '/data/pipe'), -E.perm);
    assertDenied(/\/data\/pipe: it is not a regular file or a directory/);
  });

  test('a revoke applies at the next operation on a descriptor the guest kept, and a re-grant restores it', () => {
    const fd = op('keep_open', '/data/inside.txt');
    assert.equal(guest.out(guest.call('read_kept', fd)), 'inside');
    mkdirSync(join(base, 'data', 'sub'));
    guest.setArg('arg1', 'sub');
    const sub = guest.call('open_dir', 3);
    guest.fs = { mounts: [mounts[1]!], backend };
    assert.equal(guest.call('read_kept', fd), -E.perm);
    assertDenied(/\/data is no longer granted to this servlet/);
    guest.setArg('arg1', '../inside.txt');
    assert.equal(guest.call('raw_open', sub, 0, 2n), -E.perm, 'a revoked mount is reported as such, whatever the path');
    assert.equal(op('read_file', '/data/inside.txt'), -E.perm, 'the preopen itself is revoked');
    guest.fs = { mounts, backend };
    assert.equal(guest.out(guest.call('read_kept', fd)), 'inside');
  });

  test('a mount narrowed to read-only refuses writes on a kept read-write descriptor', () => {
    const fd = op('keep_open_rw', '/data/inside.txt');
    assert.ok(fd >= 3);
    guest.fs = { mounts: [{ ...mounts[0]!, readOnly: true }, mounts[1]!], backend };
    guest.setArg('arg2', 'X');
    assert.equal(guest.call('write_kept', fd), -E.rofs);
    assert.equal(readFileSync(join(base, 'data', 'inside.txt'), 'utf8'), 'inside');
  });

  test('with nothing granted there is no preopen and no file', () => {
    guest = wasiP1Guest(module, { mounts: [], backend });
    assert.equal(op('read_file', '/data/inside.txt'), -E.notcapable, 'wasi-libc finds no preopen for the path');
    guest.setArg('arg1', 'inside.txt');
    assert.equal(guest.call('raw_open', 3, 0, 2n), -E.badf);
  });

  test('the descriptor table is bounded: EMFILE', () => {
    const opened = op('open_many', '/data/inside.txt');
    assert.ok(opened > 1000 && opened < 1024, `opened ${opened}`);
    assert.equal(read('/data/inside.txt'), 'inside', 'closing frees them again');
  });

  test('pointers outside memory: EFAULT, and the guest runs on', () => {
    for (const name of ['bad_iovec', 'bad_iovec_array', 'bad_result_pointer', 'bad_stat_pointer', 'bad_random_pointer', 'bad_clock_pointer']) {
      assert.equal(guest.call(name), E.fault, name);
    }
    assert.equal(guest.call('bad_path_pointer', 3), E.fault);
    assert.equal(existsSync(join(base, 'data', 'x')), false);
    assert.equal(read('/data/inside.txt'), 'inside');
  });
});
