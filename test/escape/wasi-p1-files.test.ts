/**
 * Escape suite, WASI preview 1, the attacks a tool call cannot make: a C program built with
 * wasi-libc (test/fixtures/wasi-p1/files.c) makes raw WASI calls that libc would never send. It
 * hands the host pointers outside its memory and exhausts the descriptor table; it spells paths
 * with trailing slashes so that a file or a planted symbolic link would be taken as a directory
 * (the class of RUSTSEC-2026-0269), climbs with `..` above a directory descriptor it was given,
 * uses rights it gave up or asks them back, and looks for what is above a mount through `..` in a
 * listing. Each gets its errno, never a host exception, nothing outside (or beside) what it may
 * reach changes, and the same instance serves the next call.
 *
 * The file attacks themselves (`..`, absolute paths, symbolic links and races, FIFOs, links,
 * read-only writes, revokes) run through a real plugin and `mcp-wasm serve` in
 * extism-files.test.ts. This guest runs straight on the host's `wasiPreview1` with the real Node
 * backend on real directories (the Extism host builds its WASI on the same function).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, beforeEach, describe, test } from 'node:test';
import { WASI_P1_ERRNO as E, type Mount } from '@mcp-wasm/host';
import { createNodeFsBackend, mountFor } from '@mcp-wasm/node';
import { cGuestModule, wasiP1Guest, type WasiP1Guest } from '../support/c-guests.js';
import { scratchDir } from './support.js';

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
    mkdirSync(join(base, 'data'));
    writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
    mounts = [mountFor(join(base, 'data'), '/data', false)];
    guest = wasiP1Guest(module, { mounts, backend });
    assert.equal(read('/data/inside.txt'), 'inside', 'the granted mount works');
  });

  const op = (name: string, arg1: string, arg2?: string): number => guest.op(name, arg1, arg2);
  const read = (path: string): string => guest.read(path);

  /** The host serves the next call: the same instance still reads its granted file. */
  function assertStillServes(): void {
    assert.equal(read('/data/inside.txt'), 'inside', 'the instance keeps working after the attack');
  }

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

  /** Raw calls of the guest on directory descriptor `fd` with `arg1` (and `arg2`). */
  const raw = (name: string, fd: number, arg1: string, arg2?: string, ...rest: (number | bigint)[]): number => {
    guest.setArg('arg1', arg1);
    if (arg2 !== undefined) guest.setArg('arg2', arg2);
    return guest.call(name, fd, ...rest);
  };
  const MOUNT = 3; // the preopen of /data
  const RIGHT = { fdWrite: 1n << 6n, pathFilestatSetSize: 1n << 19n, pathUnlinkFile: 1n << 26n, pathRenameSource: 1n << 16n };

  test('trailing slash: `file/` never reaches the file, whatever the call', () => {
    const file = join(base, 'data', 'inside.txt');
    const modified = statSync(file).mtimeMs;
    assert.equal(raw('raw_open', MOUNT, 'inside.txt/', undefined, 0, 2n), -E.notdir, 'open to read');
    assert.equal(raw('raw_write', MOUNT, 'inside.txt/', 'OVERWRITTEN', 8, 1n << 6n), -E.notdir, 'open truncating, to write');
    assert.equal(raw('raw_write', MOUNT, 'inside.txt/', 'OVERWRITTEN', 1, 1n << 6n), -E.isdir, 'open creating');
    assert.equal(raw('raw_unlink', MOUNT, 'inside.txt/'), -E.notdir);
    assert.equal(raw('raw_rename', MOUNT, 'inside.txt/', 'moved'), -E.notdir);
    assert.equal(raw('raw_rename', MOUNT, 'inside.txt', 'moved/'), -E.notdir);
    assert.equal(raw('raw_touch', MOUNT, 'inside.txt/'), -E.notdir);
    assert.equal(raw('raw_stat', MOUNT, 'inside.txt/', undefined, 0), -E.notdir);
    assert.equal(raw('raw_rmdir', MOUNT, 'inside.txt/'), -E.notdir);
    assert.equal(readFileSync(file, 'utf8'), 'inside');
    assert.equal(statSync(file).mtimeMs, modified);
    assert.equal(existsSync(join(base, 'data', 'moved')), false);
    assertStillServes();
  });

  test('trailing slash: a planted symbolic link spelled as a directory is never followed', () => {
    mkdirSync(join(base, 'outside'));
    writeFileSync(join(base, 'outside', 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(base, 'outside'), join(base, 'data', 'outlink'));
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'filelink'));
    const attempts: [string, number][] = [
      ['raw_stat', raw('raw_stat', MOUNT, 'outlink/', undefined, 0)],
      ['open_dir', raw('open_dir', MOUNT, 'outlink/')],
      ['raw_open', raw('raw_open', MOUNT, 'outlink/secret.txt', undefined, 0, 2n)],
      ['raw_open', raw('raw_open', MOUNT, 'filelink/', undefined, 0, 2n)],
      ['raw_write', raw('raw_write', MOUNT, 'outlink/secret.txt', 'OWNED', 8, 1n << 6n)],
      ['raw_mkdir', raw('raw_mkdir', MOUNT, 'outlink/new/')],
      ['raw_unlink', raw('raw_unlink', MOUNT, 'outlink/')],
      ['raw_unlink', raw('raw_unlink', MOUNT, 'filelink/')],
      ['raw_rename', raw('raw_rename', MOUNT, 'outlink/', 'moved')],
      ['raw_touch', raw('raw_touch', MOUNT, 'outlink/')],
    ];
    for (const [name, errno] of attempts) assert.equal(errno, -E.perm, name);
    assert.ok(guest.denials.some((detail) => /outlink: (it is a symbolic link|a symbolic link is on the way)/.test(detail)), JSON.stringify(guest.denials));
    assert.equal(raw('raw_rmdir', MOUNT, 'outlink/'), -E.notdir, 'rmdir acts on the link itself, which is no directory');
    assert.equal(raw('raw_write', MOUNT, 'outlink/', 'x', 1, 1n << 6n), -E.isdir, 'creating `name/` is refused before any I/O');
    assert.equal(readFileSync(join(base, 'outside', 'secret.txt'), 'utf8'), 'TOP SECRET');
    assert.equal(existsSync(join(base, 'outside', 'new')), false);
    assert.equal(existsSync(join(base, 'data', 'outlink')) && existsSync(join(base, 'data', 'filelink')), true, 'the links themselves are untouched');
    assertStillServes();
  });

  test('`..` never climbs above a directory descriptor, even to stay inside the mount', () => {
    mkdirSync(join(base, 'data', 'sub'));
    const sub = raw('open_dir', MOUNT, 'sub');
    assert.ok(sub > MOUNT, `opened sub as ${sub}`);
    assert.equal(raw('raw_open', sub, '../inside.txt', undefined, 0, 2n), -E.notcapable);
    assert.equal(raw('raw_open', sub, 'x/../../inside.txt', undefined, 0, 2n), -E.notcapable);
    assert.equal(raw('raw_unlink', sub, '../inside.txt'), -E.notcapable);
    assert.equal(raw('raw_rename', sub, '../inside.txt', 'stolen'), -E.notcapable);
    assert.equal(raw('raw_write', sub, '../planted.txt', 'x', 1, 1n << 6n), -E.notcapable);
    assert.equal(readFileSync(join(base, 'data', 'inside.txt'), 'utf8'), 'inside');
    assert.equal(existsSync(join(base, 'data', 'sub', 'stolen')) || existsSync(join(base, 'data', 'planted.txt')), false);
    assert.equal(raw('raw_open', MOUNT, '../inside.txt', undefined, 0, 2n), -E.perm, 'above the mount: a denial');
    assertStillServes();
  });

  test('rights given up stay given up: no truncating, unlinking, renaming or writing through them, and no asking back', () => {
    mkdirSync(join(base, 'data', 'sub'));
    writeFileSync(join(base, 'data', 'sub', 'kept.txt'), 'kept');
    const sub = raw('open_dir', MOUNT, 'sub');
    const givenUp = RIGHT.pathFilestatSetSize | RIGHT.pathUnlinkFile | RIGHT.pathRenameSource;
    assert.equal(guest.call('drop_rights', sub, givenUp, givenUp | RIGHT.fdWrite), 0);
    assert.equal(raw('raw_write', sub, 'kept.txt', 'OVERWRITTEN', 8, RIGHT.fdWrite), -E.notcapable, 'truncating without the right');
    assert.equal(raw('raw_write', sub, 'kept.txt', 'OVERWRITTEN', 0, RIGHT.fdWrite), -E.badf, 'the file comes without the write right');
    assert.equal(raw('raw_unlink', sub, 'kept.txt'), -E.notcapable);
    assert.equal(raw('raw_rename', sub, 'kept.txt', 'moved.txt'), -E.notcapable);
    assert.equal(guest.call('widen_rights', sub), -E.notcapable);
    assert.equal(raw('raw_write', sub, 'kept.txt', 'OVERWRITTEN', 8, RIGHT.fdWrite), -E.notcapable, 'still given up');
    const reopened = raw('open_dir', sub, '.');
    assert.ok(reopened > sub, 'the directory opened again through itself');
    assert.equal(raw('raw_write', reopened, 'kept.txt', 'OVERWRITTEN', 8, RIGHT.fdWrite), -E.notcapable, 'not regained by opening it again');
    assert.equal(raw('raw_unlink', reopened, 'kept.txt'), -E.notcapable);
    assert.equal(readFileSync(join(base, 'data', 'sub', 'kept.txt'), 'utf8'), 'kept');
    assert.deepEqual(guest.denials, [], 'a right given up is the guest’s own limit, not a denial');
    assertStillServes();
  });

  test('a listing never looks above the mount: `..` of the mount root is the root itself', () => {
    const root = statSync(join(base, 'data'), { bigint: true }).ino;
    const parent = statSync(base, { bigint: true }).ino;
    assert.equal(BigInt(guest.call('dotdot_inode', MOUNT)), root);
    assert.notEqual(root, parent);
    mkdirSync(join(base, 'data', 'sub'));
    const sub = raw('open_dir', MOUNT, 'sub');
    assert.equal(BigInt(guest.call('dotdot_inode', sub)), root, 'below the root, `..` is the parent inside the mount');
    assertStillServes();
  });
});
