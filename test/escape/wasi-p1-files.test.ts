/**
 * Escape suite, WASI preview 1 files: a C program built with wasi-libc (test/fixtures/wasi-p1/
 * files.c, the way Extism plugins and other `wasm32-wasi` modules are built) with /data granted
 * read-write and /docs read-only reaches for files outside its grants, through libc and raw WASI
 * calls. Each attempt gets the errno the guest sees, a denial for the audit log where a grant
 * refused it, and the same instance serves the next call.
 *
 * The guest runs straight on the host's `wasiPreview1` with the real Node backend on real
 * directories (the Extism host that runs such modules as servlets builds its WASI on the same
 * function).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, beforeEach, describe, test } from 'node:test';
import { WASI_P1_ERRNO as E, type Mount } from '@mcp-wasm/host';
import { createNodeFsBackend } from '@mcp-wasm/node';
import { cGuestModule, wasiP1Guest, type WasiP1Guest } from '../support/c-guests.js';
import { scratchDir } from './support.js';

const SECRET = 'TOP SECRET OUTSIDE THE MOUNT';
const backend = createNodeFsBackend();

describe('WASI p1 file attacks', () => {
  let module: WebAssembly.Module;
  let base: string;
  let mounts: Mount[];
  let guest: WasiP1Guest;

  before(() => {
    module = cGuestModule('files', { reactor: true });
  });

  beforeEach(() => {
    base = scratchDir('wasi-p1');
    for (const dir of ['data', 'docs', 'outside', 'data/sub']) mkdirSync(join(base, dir));
    writeFileSync(join(base, 'outside', 'secret.txt'), SECRET);
    writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
    writeFileSync(join(base, 'data', 'sub', 'secret.txt'), 'not the secret');
    writeFileSync(join(base, 'docs', 'guide.md'), '# guide\n');
    mounts = [
      { guestPath: '/data', hostPath: join(base, 'data'), readOnly: false },
      { guestPath: '/docs', hostPath: join(base, 'docs'), readOnly: true },
    ];
    guest = wasiP1Guest(module, { mounts, backend });
    assert.equal(read('/data/inside.txt'), 'inside', 'the granted mount works');
  });

  function op(name: string, arg1: string, arg2?: string): number {
    guest.setArg('arg1', arg1);
    if (arg2 !== undefined) guest.setArg('arg2', arg2);
    return guest.call(name);
  }

  function read(path: string): string {
    const length = op('read_file', path);
    assert.ok(length >= 0, `read ${path}: errno ${-length}`);
    return guest.out(length);
  }

  /** A `raw_open` of `path` relative to preopen fd 3 (/data), straight to the host. */
  function rawOpen(path: string, rights = 2n /* fd_read */): number {
    guest.setArg('arg1', path);
    return guest.call('raw_open', 3, 0, rights);
  }

  function assertDenied(detail: RegExp): void {
    assert.ok(guest.denials.some((line) => detail.test(line)), `no denial matching ${detail}: ${JSON.stringify(guest.denials)}`);
  }

  /** The host serves the next call: the same instance still reads its granted file. */
  function assertStillServes(): void {
    assert.equal(read('/data/inside.txt'), 'inside', 'the instance keeps working after the attack');
  }

  test('dot-dot traversal out of a mount through libc', () => {
    assert.equal(op('read_file', '/data/../outside/secret.txt'), -E.perm);
    assertDenied(/open "\.\.\/outside\/secret\.txt" in \/data: `\.\.` leads outside the granted directory/);
    assertStillServes();
  });

  test('dot-dot hidden in the middle of a raw path', () => {
    assert.equal(rawOpen('sub/../../outside/secret.txt'), -E.perm);
    assertDenied(/`\.\.` leads outside the granted directory/);
    assertStillServes();
  });

  test('absolute host path handed to path_open', () => {
    assert.equal(rawOpen(join(base, 'outside', 'secret.txt')), -E.perm);
    assertDenied(/absolute paths are not accepted/);
    assert.equal(rawOpen('/proc/self/environ'), -E.perm);
    assertStillServes();
  });

  test('a path outside every preopen never reaches the host (wasi-libc has no directory for it)', () => {
    assert.equal(op('read_file', '/proc/self/environ'), -E.notcapable);
    assert.equal(op('read_file', join(base, 'outside', 'secret.txt')), -E.notcapable);
    assertStillServes();
  });

  test('symlink escape: a planted link to a file and to a directory outside', () => {
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'link'));
    symlinkSync(join(base, 'outside'), join(base, 'data', 'dirlink'));
    assert.equal(op('read_file', '/data/link'), -E.perm);
    assertDenied(/open \/data\/link: a symbolic link is on the way, and servlets may never follow symbolic links/);
    assert.equal(op('read_file', '/data/dirlink/secret.txt'), -E.perm);
    assertDenied(/open \/data\/dirlink\/secret\.txt: a symbolic link is on the way/);
    assert.equal(op('stat_size', '/data/link'), -E.perm);
    assertDenied(/stat \/data\/link: it is a symbolic link/);
    assert.equal(op('list_dir', '/data/dirlink'), -E.perm);
    assertStillServes();
  });

  test('symlink race: a kept directory swapped for a link between calls', () => {
    const dir = op('keep_dir', '/data/sub');
    assert.ok(dir >= 3);
    guest.setArg('arg1', 'secret.txt');
    assert.equal(guest.out(guest.call('read_at', dir)), 'not the secret');
    renameSync(join(base, 'data', 'sub'), join(base, 'data', 'sub.old'));
    symlinkSync(join(base, 'outside'), join(base, 'data', 'sub'));
    guest.setArg('arg1', 'secret.txt');
    assert.equal(guest.call('read_at', dir), -E.perm);
    assertDenied(/open \/data\/sub\/secret\.txt: a symbolic link is on the way/);
    assertStillServes();
  });

  test('symlink and hard-link creation, and reading a link', () => {
    assert.equal(op('symlink_path', join(base, 'outside', 'secret.txt'), '/data/made'), -E.perm);
    assertDenied(/create symbolic link "made" to ".*secret\.txt" in \/data: servlets may not create symbolic links/);
    assert.equal(op('link_path', '/docs/guide.md', '/data/hard'), -E.perm);
    assertDenied(/servlets may not create hard links/);
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'link'));
    assert.equal(op('readlink_path', '/data/link'), -E.perm);
    assertDenied(/read symbolic link "link" in \/data: servlets may not use symbolic links/);
    assert.equal(existsSync(join(base, 'data', 'made')), false);
    assert.equal(existsSync(join(base, 'data', 'hard')), false);
    assertStillServes();
  });

  test('a FIFO planted in the mount is refused without blocking', () => {
    execFileSync('mkfifo', [join(base, 'data', 'pipe')]);
    assert.equal(op('read_file', '/data/pipe'), -E.perm);
    assertDenied(/open \/data\/pipe: it is not a regular file or a directory \(a FIFO, socket or device\)/);
    assertStillServes();
  });

  test('read-only mount: every kind of write', () => {
    const attempts: [string, string, string?][] = [
      ['write_file', '/docs/guide.md', 'defaced'],
      ['write_file', '/docs/new.md', 'x'],
      ['append_file', '/docs/guide.md', 'x'],
      ['open_rw', '/docs/guide.md'],
      ['truncate_path', '/docs/guide.md'],
      ['unlink_path', '/docs/guide.md'],
      ['make_dir', '/docs/sub'],
      ['rename_path', '/docs/guide.md', '/data/taken.md'],
      ['rename_path', '/data/inside.txt', '/docs/planted.txt'],
      ['touch_path', '/docs/guide.md'],
    ];
    for (const [name, arg1, arg2] of attempts) assert.equal(op(name, arg1, arg2), -E.rofs, `${name} ${arg1} ${arg2 ?? ''}`);
    assertDenied(/\/docs was granted read-only/);
    assert.equal(guest.denials.length, attempts.length, 'one denial per attempt');
    assert.equal(readFileSync(join(base, 'docs', 'guide.md'), 'utf8'), '# guide\n');
    assert.equal(existsSync(join(base, 'docs', 'planted.txt')), false);
    assert.equal(existsSync(join(base, 'data', 'taken.md')), false);
    assertStillServes();
  });

  test('a revoked mount, through a descriptor kept from before the revoke', () => {
    const fd = op('keep_open_rw', '/data/inside.txt');
    assert.ok(fd >= 3);
    guest.fs = { mounts: [mounts[1]!], backend };
    assert.equal(guest.call('read_kept', fd), -E.perm);
    guest.setArg('arg2', 'X');
    assert.equal(guest.call('write_kept', fd), -E.perm);
    assertDenied(/read \/data\/inside\.txt: \/data is no longer granted to this servlet/);
    assertDenied(/write \/data\/inside\.txt: \/data is no longer granted to this servlet/);
    assert.equal(readFileSync(join(base, 'data', 'inside.txt'), 'utf8'), 'inside');
    guest.fs = { mounts, backend };
    assertStillServes();
  });

  test('a mount re-granted at another host directory does not revive old descriptors', () => {
    const fd = op('keep_open', '/data/inside.txt');
    guest.fs = { mounts: [{ ...mounts[0]!, hostPath: join(base, 'outside') }, mounts[1]!], backend };
    assert.equal(guest.call('read_kept', fd), -E.perm);
    assertDenied(/\/data is no longer granted/);
  });

  test('descriptor exhaustion ends in EMFILE, not in host memory', () => {
    const opened = op('open_many', '/data/inside.txt');
    assert.ok(opened > 1000 && opened < 1024, `opened ${opened} before EMFILE`);
    assertStillServes();
  });

  test('pointers outside the guest memory are EFAULT, never a host exception', () => {
    for (const name of ['bad_iovec', 'bad_iovec_array', 'bad_result_pointer', 'bad_stat_pointer', 'bad_random_pointer', 'bad_clock_pointer']) {
      assert.equal(guest.call(name), E.fault, name);
    }
    assert.equal(guest.call('bad_path_pointer', 3), E.fault);
    assertStillServes();
  });

  test('the secret never reached the guest', () => {
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'link'));
    for (const path of ['/data/link', '/data/../outside/secret.txt']) op('read_file', path);
    assert.ok(!guest.out(65536).includes(SECRET));
  });
});
