/**
 * The Node filesystem backend on its own: it never follows a symlink (last name or on the way, or
 * one another process keeps swapping in, or in the mount root's own path), uses a mount root only
 * while its path leads to the directory granted, never opens a special file, and keeps host paths
 * out of its messages.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { FsBackendError, type FsIdentity, type FsLocation } from '@mcp-wasm/host';
import { mountFor } from './mount-roots.js';
import { createNodeFsBackend } from './node-fs-backend.js';

const backend = createNodeFsBackend();
let base: string;
let root: string;
let identity: FsIdentity;

beforeEach(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-wasm-fsb-')));
  root = join(base, 'mount');
  mkdirSync(join(root, 'dir'), { recursive: true });
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(root, 'dir', 'file.txt'), 'inside');
  writeFileSync(join(base, 'outside', 'file.txt'), 'OUTSIDE');
  symlinkSync(join(base, 'outside'), join(root, 'link'));
  identity = mountFor(root, '/data', false).identity;
});

function at(...path: string[]): FsLocation {
  return { root, identity, path };
}

/** The backend error `run` threw. */
function failure(run: () => unknown): FsBackendError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof FsBackendError, `a backend error, not ${String(error)}`);
    return error;
  }
  assert.fail('expected a failure');
}

describe('symlinks are never followed', () => {
  test('as the last name: stat sees the link, everything else refuses it', () => {
    assert.equal(backend.stat(at('link')).kind, 'symbolic-link');
    for (const run of [
      () => backend.open(at('link'), { create: false, exclusive: false, truncate: false, directory: true }),
      () => backend.read(at('link'), 0n, 10),
      () => backend.readDirectory(at('link')),
      () => backend.setTimes(at('link'), { tag: 'now' }, { tag: 'now' }),
    ]) {
      assert.equal(failure(run).refusal, 'symlink');
    }
  });

  test('on the way: no operation reaches through it', () => {
    const operations = [
      () => backend.stat(at('link', 'file.txt')),
      () => backend.read(at('link', 'file.txt'), 0n, 10),
      () => backend.write(at('link', 'file.txt'), 0n, new Uint8Array([65])),
      () => backend.open(at('link', 'new.txt'), { create: true, exclusive: false, truncate: false, directory: false }),
      () => backend.createDirectory(at('link', 'newdir')),
      () => backend.unlinkFile(at('link', 'file.txt')),
      () => backend.rename(at('link', 'file.txt'), at('stolen.txt')),
      () => backend.rename(at('dir', 'file.txt'), at('link', 'planted.txt')),
    ];
    for (const run of operations) {
      const error = failure(run);
      assert.deepEqual([error.code, error.refusal], ['not-permitted', 'symlink']);
    }
    assert.deepEqual(readFileSync(join(base, 'outside', 'file.txt'), 'utf8'), 'OUTSIDE');
    assert.ok(!existsSync(join(base, 'outside', 'new.txt')) && !existsSync(join(base, 'outside', 'newdir')) && !existsSync(join(base, 'outside', 'planted.txt')));
  });

  test('a symlink created without O_NOFOLLOW-safe names is refused: names with / never walk', () => {
    assert.equal(failure(() => backend.stat(at('link/file.txt'))).code, 'invalid');
    assert.equal(failure(() => backend.stat(at('..'))).code, 'invalid');
  });

  test('unlinking or renaming a link acts on the link, never its target', () => {
    backend.rename(at('link'), at('renamed'));
    backend.unlinkFile(at('renamed'));
    assert.equal(readFileSync(join(base, 'outside', 'file.txt'), 'utf8'), 'OUTSIDE');
  });

  test('another process swapping a directory for a symlink, over and over, never redirects a read or a write', async () => {
    // A real race: a child flips mount/dir between the real directory and a symlink to outside
    // as fast as it can while we read and write through the backend.
    const flipper = spawn(
      process.execPath,
      [
        '-e',
        `const fs = require('fs'); const [dir, aside, outside] = process.argv.slice(1);
         process.stdout.write('ready\\n');
         for (;;) { try { fs.renameSync(dir, aside); fs.symlinkSync(outside, dir); fs.unlinkSync(dir); fs.renameSync(aside, dir); } catch {} }`,
        join(root, 'dir'),
        join(root, 'aside'),
        join(base, 'outside'),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => flipper.stdout.once('data', resolve));
    // Safe outcomes: the read of the real file, a refused symlink, or a name that was absent or
    // not a directory at the instant the walk looked (the flip in progress).
    const outcomes = { read: 0, refused: 0, missing: 0 };
    try {
      const deadline = Date.now() + 1500;
      while (Date.now() < deadline) {
        try {
          const text = new TextDecoder().decode(backend.read(at('dir', 'file.txt'), 0n, 100));
          assert.equal(text, 'inside', 'a read never reaches outside');
          backend.write(at('dir', 'file.txt'), 0n, new TextEncoder().encode('inside'));
          outcomes.read++;
        } catch (error) {
          assert.ok(error instanceof FsBackendError, String(error));
          if (error.refusal === 'symlink') outcomes.refused++;
          else if (error.code === 'no-entry' || error.code === 'not-directory') outcomes.missing++;
          else assert.fail(`unexpected ${error.code}`);
        }
      }
    } finally {
      flipper.kill();
      await new Promise((resolve) => flipper.once('exit', resolve));
    }
    assert.equal(readFileSync(join(base, 'outside', 'file.txt'), 'utf8'), 'OUTSIDE', 'nothing was written outside');
    assert.ok(outcomes.refused > 0, `the race was met: ${JSON.stringify(outcomes)}`);
  });
});

describe('mount roots are held by identity', () => {
  test('a root path with a symlink in any component is refused, never followed', () => {
    symlinkSync(base, join(base, 'alias'));
    const through = { root: join(base, 'alias', 'mount'), identity, path: ['dir', 'file.txt'] };
    assert.deepEqual([failure(() => backend.read(through, 0n, 10)).refusal, failure(() => backend.stat({ ...through, path: [] })).refusal], ['symlink', 'symlink']);
    symlinkSync(root, join(base, 'root-link'));
    assert.equal(failure(() => backend.readDirectory({ root: join(base, 'root-link'), identity, path: [] })).refusal, 'symlink', 'the root itself a symlink');
  });

  test('a parent of the root swapped for a relative symlink after the grant: refused, the outside never reached', () => {
    // The layout of the issue: the granted root's path made to resolve elsewhere by renames.
    mkdirSync(join(base, 'outer', 'sub', 'inner'), { recursive: true });
    mkdirSync(join(base, 'elsewhere', 'inner'), { recursive: true });
    writeFileSync(join(base, 'elsewhere', 'inner', 'secret.txt'), 'OUTSIDE');
    const inner = mountFor(join(base, 'outer', 'sub', 'inner'), '/inner', true);
    const location = { root: inner.hostPath, identity: inner.identity, path: ['secret.txt'] };
    symlinkSync('../elsewhere', join(base, 'outer', 'hop'));
    renameSync(join(base, 'outer', 'sub'), join(base, 'outer', 'sub.away'));
    renameSync(join(base, 'outer', 'hop'), join(base, 'outer', 'sub'));
    assert.equal(readFileSync(join(inner.hostPath, 'secret.txt'), 'utf8'), 'OUTSIDE', 'the path now leads outside');
    const error = failure(() => backend.read(location, 0n, 100));
    assert.deepEqual([error.code, error.refusal], ['not-permitted', 'symlink']);
  });

  test('a root moved away and replaced by another directory at its path: refused as replaced', () => {
    renameSync(root, join(base, 'moved'));
    mkdirSync(root);
    writeFileSync(join(root, 'planted.txt'), 'OTHER');
    for (const run of [() => backend.read(at('planted.txt'), 0n, 10), () => backend.readDirectory(at()), () => backend.open(at('new.txt'), { create: true, exclusive: false, truncate: false, directory: false })]) {
      const error = failure(run);
      assert.deepEqual([error.code, error.refusal], ['not-permitted', 'root-replaced']);
    }
    assert.ok(!existsSync(join(root, 'new.txt')), 'nothing was created in the replacement');
    renameSync(root, join(base, 'other'));
    renameSync(join(base, 'moved'), root);
    assert.equal(new TextDecoder().decode(backend.read(at('dir', 'file.txt'), 0n, 100)), 'inside', 'the directory granted, back at its path, serves again');
  });
});

describe('special files', () => {
  test('a FIFO is refused, without blocking, for reading and writing', () => {
    execFileSync('mkfifo', [join(root, 'pipe')]);
    assert.equal(backend.stat(at('pipe')).kind, 'fifo');
    assert.equal(failure(() => backend.read(at('pipe'), 0n, 10)).refusal, 'special-file');
    assert.equal(failure(() => backend.write(at('pipe'), 0n, new Uint8Array([1]))).refusal, 'special-file');
  });
});

describe('ordinary operations', () => {
  test('open creates, exclusive refuses an existing name, truncate empties', () => {
    const create = { create: true, exclusive: true, truncate: false, directory: false };
    assert.equal(backend.open(at('new.txt'), create).kind, 'regular-file');
    assert.equal(failure(() => backend.open(at('new.txt'), create)).code, 'exist');
    backend.open(at('dir', 'file.txt'), { create: false, exclusive: false, truncate: true, directory: false });
    assert.equal(backend.stat(at('dir', 'file.txt')).size, 0n);
    assert.equal(failure(() => backend.open(at('new.txt'), { ...create, create: false, exclusive: false, directory: true })).code, 'not-directory');
  });

  test('the mount root itself can be listed and stated, not removed', () => {
    assert.deepEqual(backend.readDirectory(at()).map((entry) => `${entry.name}:${entry.kind}`).sort(), ['dir:directory', 'link:symbolic-link']);
    assert.equal(backend.stat(at()).kind, 'directory');
    assert.equal(failure(() => backend.removeDirectory(at())).code, 'busy');
  });

  test('times are set to the microsecond, the one left unchanged keeps its own', () => {
    const file = at('dir', 'file.txt');
    // A microsecond that a double of seconds rounds down (1 700 000 000.000001 is stored as …0.0000009…).
    backend.setTimes(file, { tag: 'no-change' }, { tag: 'timestamp', val: { seconds: 1_700_000_000n, nanoseconds: 1_000 } });
    assert.equal(backend.stat(file).modified?.nanoseconds, 1_000);
    const accessed = backend.stat(file).accessed!;
    backend.setTimes(file, { tag: 'no-change' }, { tag: 'timestamp', val: { seconds: 1_600_000_000n, nanoseconds: 123_456_789 } });
    const after = backend.stat(file);
    assert.deepEqual(after.modified, { seconds: 1_600_000_000n, nanoseconds: 123_456_000 }, 'below the microsecond is dropped (Node sets no nanoseconds)');
    assert.equal(after.accessed?.seconds, accessed.seconds);
    assert.equal(Math.floor(after.accessed!.nanoseconds / 1000), Math.floor(accessed.nanoseconds / 1000));
  });

  test('messages never carry host paths', () => {
    for (const error of [failure(() => backend.read(at('missing'), 0n, 1)), failure(() => backend.stat({ root: join(base, 'nope'), identity, path: [] }))]) {
      assert.equal(error.code, 'no-entry');
      assert.ok(!error.message.includes(base), error.message);
    }
  });
});
