/**
 * The host implementation of wasi:filesystem (core) against real temporary directories through the
 * Node backend: what a guest may do on its mounts, and every escape it may try, each refused with
 * the WASI code the guest sees and a denial for the audit log.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, test } from 'node:test';
import { createFilesystem, type FsContext, type LiveSlice, type Mount } from '@mcp-wasm/host';
import { createNodeFsBackend } from './node-fs-backend.js';
import { mountFor } from './mount-roots.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- jco-shaped resources are untyped here, as the guest sees them */

const backend = createNodeFsBackend();
let base: string;
let mounts: Mount[];
let context: FsContext;
let denials: string[];
let fs: ReturnType<typeof createFilesystem>;

beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'mcp-wasm-fs-'));
  for (const dir of ['data', 'docs', 'outside']) mkdirSync(join(base, dir));
  writeFileSync(join(base, 'docs', 'guide.md'), '# guide\n');
  writeFileSync(join(base, 'outside', 'secret.txt'), 'TOP SECRET');
  mounts = [
    mountFor(join(base, 'data'), '/data', false),
    mountFor(join(base, 'docs'), '/docs', true),
  ];
  context = { mounts, backend };
  denials = [];
  const slice: LiveSlice<FsContext> = { current: () => context, deny: (detail) => denials.push(detail) };
  fs = createFilesystem(slice);
});

/** The preopened descriptor of `guest`. */
function preopen(guest: string): any {
  const found = (fs['wasi:filesystem/preopens'].getDirectories as () => [any, string][])().find(([, path]) => path === guest);
  assert.ok(found, `${guest} is preopened`);
  return found[0];
}

/** What `run` threw (a WASI error code), failing when it returned. */
function code(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.equal(typeof error, 'string', `a guest-visible error value, not ${String(error)}`);
    return error as string;
  }
  assert.fail('expected a refusal');
}

const READ = { read: true };
const WRITE = { read: true, write: true };
const NO_FOLLOW = { symlinkFollow: false };

describe('allowed on a granted read-write mount', () => {
  test('preopens list exactly the granted mounts', () => {
    const getDirectories = fs['wasi:filesystem/preopens'].getDirectories as () => [any, string][];
    assert.deepEqual(getDirectories().map(([, path]) => path), ['/data', '/docs']);
    context = { mounts: [], backend };
    assert.deepEqual(getDirectories(), []);
    context = { mounts };
    assert.deepEqual(getDirectories(), [], 'no backend, no files');
  });

  test('create, write with offsets, append, read, stat, set-size', () => {
    const data = preopen('/data');
    const file = data.openAt(NO_FOLLOW, 'notes.txt', { create: true, truncate: true }, WRITE);
    assert.equal(file.write(new TextEncoder().encode('hello world'), 0n), 11n);
    file.write(new TextEncoder().encode('W'), 6n);
    const out = file.appendViaStream();
    out.blockingWriteAndFlush(new TextEncoder().encode('!'));
    assert.equal(readFileSync(join(base, 'data', 'notes.txt'), 'utf8'), 'hello World!');
    const [bytes, end] = file.read(100n, 6n);
    assert.deepEqual([new TextDecoder().decode(bytes), end], ['World!', true]);
    const input = file.readViaStream(0n);
    assert.equal(new TextDecoder().decode(input.blockingRead(5n)), 'hello');
    assert.throws(() => file.readViaStream(12n).blockingRead(5n), (error: any) => error.tag === 'closed', 'end of file closes the stream');
    file.setSize(5n);
    assert.equal(file.stat().size, 5n);
    assert.equal(file.stat().type, 'regular-file');
    assert.equal(file.getType(), 'regular-file');
    assert.deepEqual(file.getFlags(), { read: true, write: true, mutateDirectory: false });
    assert.deepEqual(data.getFlags(), { read: true, write: false, mutateDirectory: true });
    assert.equal(data.statAt(NO_FOLLOW, 'notes.txt').size, 5n);
    file.sync();
    file.syncData();
    assert.deepEqual(denials, []);
  });

  test('directories: create, list with kinds, rename, remove', () => {
    const data = preopen('/data');
    data.createDirectoryAt('sub');
    data.createDirectoryAt('sub/deeper');
    data.openAt(NO_FOLLOW, 'sub/a.txt', { create: true }, WRITE).write(new Uint8Array([1, 2]), 0n);
    const sub = data.openAt(NO_FOLLOW, 'sub', { directory: true }, READ);
    const stream = sub.readDirectory();
    const entries = [];
    for (let entry = stream.readDirectoryEntry(); entry; entry = stream.readDirectoryEntry()) entries.push(entry);
    assert.deepEqual(entries.sort((a: any, b: any) => a.name.localeCompare(b.name)), [
      { type: 'regular-file', name: 'a.txt' },
      { type: 'directory', name: 'deeper' },
    ]);
    sub.renameAt('a.txt', data, 'b.txt');
    assert.equal(readFileSync(join(base, 'data', 'b.txt')).length, 2);
    assert.equal(code(() => data.removeDirectoryAt('sub')), 'not-empty');
    sub.removeDirectoryAt('deeper');
    data.removeDirectoryAt('sub');
    data.unlinkFileAt('b.txt');
    assert.equal(code(() => data.statAt(NO_FOLLOW, 'b.txt')), 'no-entry');
    assert.ok(data.isSameObject(preopen('/data')));
    assert.ok(!data.isSameObject(preopen('/docs')));
    assert.deepEqual(data.metadataHash(), preopen('/data').metadataHash());
    assert.deepEqual(denials, []);
  });
});

describe('trailing slashes (the class of RUSTSEC-2026-0269)', () => {
  const names = (descriptor: any) => {
    const stream = descriptor.readDirectory();
    const found: string[] = [];
    for (let entry = stream.readDirectoryEntry(); entry; entry = stream.readDirectoryEntry()) found.push(entry.name);
    return found.sort();
  };

  test('`file/` is not-directory for a regular file, in every operation', () => {
    const data = preopen('/data');
    writeFileSync(join(base, 'data', 'file'), 'content');
    const attempts: [string, () => unknown][] = [
      ['open-at', () => data.openAt(NO_FOLLOW, 'file/', {}, READ)],
      ['open-at file/.', () => data.openAt(NO_FOLLOW, 'file/.', {}, READ)],
      ['open-at for writing', () => data.openAt(NO_FOLLOW, 'file/', { truncate: true }, WRITE)],
      ['open-at creating', () => data.openAt(NO_FOLLOW, 'file/', { create: true }, WRITE)],
      ['stat-at', () => data.statAt(NO_FOLLOW, 'file/')],
      ['metadata-hash-at', () => data.metadataHashAt(NO_FOLLOW, 'file/')],
      ['set-times-at', () => data.setTimesAt(NO_FOLLOW, 'file/', { tag: 'now' }, { tag: 'now' })],
      ['unlink-file-at', () => data.unlinkFileAt('file/')],
      ['unlink-file-at file/.', () => data.unlinkFileAt('file/.')],
      ['remove-directory-at', () => data.removeDirectoryAt('file/')],
      ['create-directory-at', () => data.createDirectoryAt('file/')],
      ['rename-at (source)', () => data.renameAt('file/', data, 'moved')],
      ['rename-at (destination)', () => data.renameAt('file', data, 'moved/')],
      ['`..` out of a file', () => data.openAt(NO_FOLLOW, 'file/../file', {}, READ)],
    ];
    for (const [what, run] of attempts) assert.equal(code(run), 'not-directory', what);
    assert.equal(readFileSync(join(base, 'data', 'file'), 'utf8'), 'content', 'the file is untouched');
    assert.deepEqual(names(data), ['file'], 'nothing was moved or created');
    assert.deepEqual(denials, [], 'a guest mistake, not a refusal');
  });

  test('`dir/` works on a directory; `new/` creates a directory, never a file', () => {
    const data = preopen('/data');
    data.createDirectoryAt('dir/');
    assert.equal(data.statAt(NO_FOLLOW, 'dir/').type, 'directory');
    assert.equal(data.openAt(NO_FOLLOW, 'dir/', {}, READ).getType(), 'directory');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'new/', { create: true }, WRITE)), 'is-directory');
    assert.equal(code(() => data.unlinkFileAt('dir/')), 'is-directory');
    data.renameAt('dir/', data, 'moved/');
    assert.equal(code(() => data.statAt(NO_FOLLOW, 'missing/..')), 'no-entry', '`..` out of a missing name');
    data.removeDirectoryAt('moved/');
    assert.deepEqual(names(data), []);
  });

  test('`link/` would follow the link: refused as a symlink, never followed', () => {
    const data = preopen('/data');
    symlinkSync(join(base, 'outside'), join(base, 'data', 'link'));
    for (const run of [() => data.statAt(NO_FOLLOW, 'link/'), () => data.openAt(NO_FOLLOW, 'link/', {}, READ), () => data.statAt(NO_FOLLOW, 'link/../link')]) {
      assert.equal(code(run), 'not-permitted');
    }
    assert.ok(denials.length === 3 && denials.every((detail) => /symbolic link/.test(detail)), denials.join('\n'));
  });
});

describe('refused', () => {
  test('.. above the mount root and absolute paths', () => {
    const data = preopen('/data');
    assert.equal(code(() => data.openAt(NO_FOLLOW, '../outside/secret.txt', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'a/../../outside/secret.txt', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.openAt(NO_FOLLOW, '/etc/passwd', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.statAt(NO_FOLLOW, '/')), 'not-permitted');
    assert.equal(denials.length, 4);
    assert.match(denials[0]!, /open "\.\.\/outside\/secret\.txt" in \/data: `\.\.` leads outside the granted directory/);
    assert.match(denials[2]!, /absolute paths are not accepted/);
  });

  test('a symlink to outside: never followed, as the last name or on the way', () => {
    symlinkSync(join(base, 'outside'), join(base, 'data', 'link'));
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'secret-link'));
    const data = preopen('/data');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'secret-link', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.openAt({ symlinkFollow: true }, 'secret-link', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'link/secret.txt', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'link/new.txt', { create: true }, WRITE)), 'not-permitted');
    assert.equal(code(() => data.createDirectoryAt('link/newdir')), 'not-permitted');
    assert.equal(code(() => data.statAt({ symlinkFollow: true }, 'secret-link')), 'not-permitted');
    assert.equal(code(() => data.readlinkAt('secret-link')), 'not-permitted');
    assert.equal(data.statAt(NO_FOLLOW, 'secret-link').type, 'symbolic-link', 'the link itself may be seen, not its target');
    assert.ok(!existsSync(join(base, 'outside', 'new.txt')) && !existsSync(join(base, 'outside', 'newdir')));
    assert.equal(denials.length, 7);
    assert.match(denials[0]!, /open \/data\/secret-link: a symbolic link is on the way, and servlets may never follow symbolic links/);
    // Removing the link removes the link, never its target.
    data.unlinkFileAt('secret-link');
    assert.equal(readFileSync(join(base, 'outside', 'secret.txt'), 'utf8'), 'TOP SECRET');
  });

  test('a directory replaced by a symlink between two calls of the same descriptor', () => {
    const data = preopen('/data');
    data.createDirectoryAt('work');
    const work = data.openAt(NO_FOLLOW, 'work', { directory: true }, READ);
    const file = work.openAt(NO_FOLLOW, 'secret.txt', { create: true }, WRITE);
    file.write(new TextEncoder().encode('mine'), 0n);
    // Another process swaps the directory for a symlink to outside, after every check was made.
    renameSync(join(base, 'data', 'work'), join(base, 'moved-away'));
    symlinkSync(join(base, 'outside'), join(base, 'data', 'work'));
    assert.equal(code(() => file.read(100n, 0n)), 'not-permitted');
    assert.equal(code(() => file.write(new TextEncoder().encode('x'), 0n)), 'not-permitted');
    assert.equal(code(() => work.openAt(NO_FOLLOW, 'secret.txt', {}, READ)), 'not-permitted');
    assert.equal(code(() => work.readDirectory()), 'not-permitted');
    assert.equal(readFileSync(join(base, 'outside', 'secret.txt'), 'utf8'), 'TOP SECRET');
    assert.equal(denials.length, 4);
    assert.ok(denials.every((detail) => /symbolic link/.test(detail)));
  });

  test('hard links and symlinks are never created', () => {
    const data = preopen('/data');
    data.openAt(NO_FOLLOW, 'a.txt', { create: true }, WRITE);
    assert.equal(code(() => data.linkAt(NO_FOLLOW, 'a.txt', data, 'b.txt')), 'not-permitted');
    assert.equal(code(() => data.symlinkAt('../outside', 'escape')), 'not-permitted');
    assert.ok(!existsSync(join(base, 'data', 'b.txt')) && !existsSync(join(base, 'data', 'escape')));
    assert.match(denials[0]!, /servlets may not create hard links/);
    assert.match(denials[1]!, /servlets may not create symbolic links/);
  });

  test('a hard link made on the host to a file outside is the file the person put there', () => {
    // The guest cannot make one (above); one the person made is part of what they granted.
    linkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'hard.txt'));
    assert.equal(preopen('/data').statAt(NO_FOLLOW, 'hard.txt').linkCount, 2n);
  });

  test('a FIFO is refused without blocking', () => {
    execFileSync('mkfifo', [join(base, 'data', 'pipe')]);
    const data = preopen('/data');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'pipe', {}, READ)), 'not-permitted');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'pipe', {}, WRITE)), 'not-permitted');
    assert.equal(data.statAt(NO_FOLLOW, 'pipe').type, 'fifo');
    assert.match(denials[0]!, /not a regular file or a directory \(a FIFO, socket or device\)/);
  });

  test('read-only mounts refuse every write, create, truncate, rename, unlink, mkdir and set-times', () => {
    const docs = preopen('/docs');
    const guide = docs.openAt(NO_FOLLOW, 'guide.md', {}, READ);
    assert.equal(new TextDecoder().decode(guide.read(100n, 0n)[0]), '# guide\n');
    const attempts: [string, () => unknown][] = [
      ['open for writing', () => docs.openAt(NO_FOLLOW, 'guide.md', {}, WRITE)],
      ['create', () => docs.openAt(NO_FOLLOW, 'new.md', { create: true }, WRITE)],
      ['truncate', () => docs.openAt(NO_FOLLOW, 'guide.md', { truncate: true }, READ)],
      ['mutate-directory', () => docs.openAt(NO_FOLLOW, '.', { directory: true }, { read: true, mutateDirectory: true })],
      ['rename', () => docs.renameAt('guide.md', docs, 'moved.md')],
      ['unlink', () => docs.unlinkFileAt('guide.md')],
      ['mkdir', () => docs.createDirectoryAt('sub')],
      ['rmdir', () => docs.removeDirectoryAt('sub')],
      ['set-times', () => guide.setTimes({ tag: 'now' }, { tag: 'now' })],
      ['set-times-at', () => docs.setTimesAt(NO_FOLLOW, 'guide.md', { tag: 'now' }, { tag: 'now' })],
      ['rename into it', () => preopen('/data').renameAt('x', docs, 'x')],
    ];
    for (const [what, attempt] of attempts) assert.equal(code(attempt), 'read-only', what);
    assert.equal(denials.length, attempts.length);
    assert.match(denials[0]!, /open \/docs\/guide\.md: \/docs was granted read-only/);
    assert.equal(readFileSync(join(base, 'docs', 'guide.md'), 'utf8'), '# guide\n');
  });

  test('a revoke applies at once to descriptors and streams kept from an earlier call', () => {
    const data = preopen('/data');
    const file = data.openAt(NO_FOLLOW, 'a.txt', { create: true }, WRITE);
    file.write(new TextEncoder().encode('abc'), 0n);
    const input = file.readViaStream(0n);
    const output = file.writeViaStream(0n);
    // Narrowed to read-only: reads go on, writes stop.
    context = { mounts: [{ ...mounts[0]!, readOnly: true }], backend };
    assert.equal(file.read(3n, 0n)[0].length, 3);
    assert.equal(code(() => file.write(new Uint8Array([1]), 0n)), 'read-only');
    // Revoked: everything stops, streams included (their error carries the filesystem code).
    context = { mounts: [], backend };
    assert.equal(code(() => file.read(3n, 0n)), 'not-permitted');
    assert.equal(code(() => data.openAt(NO_FOLLOW, 'a.txt', {}, READ)), 'not-permitted');
    for (const fail of [() => input.blockingRead(3n), () => output.blockingWriteAndFlush(new Uint8Array([1]))]) {
      try {
        fail();
        assert.fail('expected a stream error');
      } catch (error: any) {
        assert.equal(error.tag, 'last-operation-failed');
        assert.equal((fs['wasi:filesystem/types'].filesystemErrorCode as (e: unknown) => string)(error.val), 'not-permitted');
      }
    }
    // The same guest path granted on another host directory is another mount: still refused.
    context = { mounts: [mountFor(join(base, 'outside'), '/data', false)], backend };
    assert.equal(code(() => data.statAt(NO_FOLLOW, 'secret.txt')), 'not-permitted');
    assert.ok(denials.every((detail) => /read-only|no longer granted/.test(detail)));
    assert.equal(denials.length, 6);
  });
});

test('denials name guest paths, never host paths', () => {
  const data = preopen('/data');
  code(() => data.openAt(NO_FOLLOW, '../outside', {}, READ));
  code(() => preopen('/docs').unlinkFileAt('guide.md'));
  assert.equal(denials.length, 2);
  for (const detail of denials) assert.ok(!detail.includes(base), detail);
});
