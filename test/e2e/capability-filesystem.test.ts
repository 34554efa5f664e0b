/**
 * The filesystem capability end to end: a real component (test/fixtures/servlets/fs-probe, built
 * from source) reads and writes temporary host directories granted as /data (read-write) and
 * /docs (read-only). Allowed when granted; refused with the guest-visible WASI error when not, or
 * when it tries to escape; every refusal reported to the `denied` reporter (the audit log).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, beforeEach, describe, test } from 'node:test';
import { emptyCapabilities, loadServlet, type CapabilityContext, type Denial, type Mount, type Servlet } from '@mcp-wasm/host';
import { createNodeFsBackend, JcoCompiler, mountFor } from '@mcp-wasm/node';
import { builtServlet } from '../support/servlets.js';

const compiler = new JcoCompiler(mkdtempSync(join(tmpdir(), 'mcp-wasm-fs-cache-')));
const backend = createNodeFsBackend();
let bytes: Uint8Array;
let base: string;
let mounts: Mount[];
let denials: Denial[];
let servlet: Servlet;

before(async () => {
  bytes = await readFile(await builtServlet('fs-probe'));
});

beforeEach(async () => {
  base = mkdtempSync(join(tmpdir(), 'mcp-wasm-fs-e2e-'));
  for (const dir of ['data', 'docs', 'outside']) mkdirSync(join(base, dir));
  writeFileSync(join(base, 'docs', 'guide.md'), '# Guide\n');
  writeFileSync(join(base, 'outside', 'secret.txt'), 'TOP SECRET');
  mounts = [
    mountFor(join(base, 'data'), '/data', false),
    mountFor(join(base, 'docs'), '/docs', true),
  ];
  denials = [];
  const context = (): CapabilityContext => ({
    ...emptyCapabilities('fs-probe', (denial) => denials.push(denial)),
    fs: { mounts, backend },
  });
  servlet = await loadServlet({ name: 'fs-probe', bytes, compiler, log: () => {}, capabilities: context });
});

/** Calls a tool: its text, and whether it failed. */
async function call(tool: string, args: object): Promise<{ text: string; isError: boolean }> {
  const result = await servlet.callTool(tool, JSON.stringify(args));
  const first = result.content[0];
  assert.ok(first?.tag === 'text', JSON.stringify(result));
  return { text: first.val.text, isError: Boolean(result.isError) };
}

/** Calls a tool that must succeed. */
async function ok(tool: string, args: object): Promise<string> {
  const result = await call(tool, args);
  assert.equal(result.isError, false, result.text);
  return result.text;
}

/** Calls a tool that must fail, answering its message (`[code] ...`). */
async function refused(tool: string, args: object): Promise<string> {
  const result = await call(tool, args);
  assert.equal(result.isError, true, `expected a refusal, got ${result.text}`);
  return result.text;
}

describe('allowed when granted', () => {
  test('read, write, append, list, stat, mkdir, rename and remove in a read-write mount', async () => {
    assert.match(await refused('write', { path: '/data/notes/a.txt', text: 'x' }), /^\[no-entry\] cannot write \/data\/notes\/a\.txt: it does not exist$/);
    assert.equal(await ok('mkdir', { path: '/data/notes/2025', recursive: true }), 'created');
    assert.equal(await ok('write', { path: '/data/notes/a.txt', text: 'hello' }), 'written');
    assert.equal(await ok('write', { path: '/data/notes/a.txt', text: ', world', append: true }), 'written');
    assert.equal(readFileSync(join(base, 'data', 'notes', 'a.txt'), 'utf8'), 'hello, world');
    assert.equal(await ok('read', { path: '/data/notes/./2025/../a.txt' }), 'hello, world');
    assert.deepEqual(JSON.parse(await ok('list', { path: '/data/notes' })), [
      { name: '2025', kind: 'directory' },
      { name: 'a.txt', kind: 'file' },
    ]);
    assert.deepEqual(JSON.parse(await ok('stat', { path: '/data/notes/a.txt' })), { exists: true, kind: 'file', size: 12 });
    assert.deepEqual(JSON.parse(await ok('stat', { path: '/data/nothing' })), { exists: false });
    assert.equal(await ok('rename', { from: '/data/notes/a.txt', to: '/data/b.txt' }), 'renamed');
    assert.ok(existsSync(join(base, 'data', 'b.txt')));
    assert.equal(await ok('remove', { path: '/data/notes', recursive: true }), 'removed');
    assert.ok(!existsSync(join(base, 'data', 'notes')));
    // A large file crosses several host reads and writes.
    const big = 'abcdefghij'.repeat(30_000);
    await ok('write', { path: '/data/big.txt', text: big });
    assert.equal((await ok('read', { path: '/data/big.txt' })).length, big.length);
    assert.equal(await ok('read', { path: '/docs/guide.md' }), '# Guide\n');
    assert.deepEqual(denials, []);
  });
});

describe('refused with a guest-visible error, and reported', () => {
  test('writing, creating, renaming and removing in a read-only mount', async () => {
    const attempts: [string, object][] = [
      ['write', { path: '/docs/guide.md', text: 'defaced' }],
      ['write', { path: '/docs/new.md', text: 'x' }],
      ['write', { path: '/docs/guide.md', text: 'more', append: true }],
      ['mkdir', { path: '/docs/sub' }],
      ['remove', { path: '/docs/guide.md' }],
      ['rename', { from: '/docs/guide.md', to: '/docs/moved.md' }],
      ['rename', { from: '/data/x', to: '/docs/x' }],
    ];
    for (const [tool, args] of attempts) {
      assert.match(await refused(tool, args), /^\[read-only\] cannot .* \/docs is read-only: it was granted read-only$/, `${tool} ${JSON.stringify(args)}`);
    }
    assert.equal(readFileSync(join(base, 'docs', 'guide.md'), 'utf8'), '# Guide\n');
    assert.ok(!existsSync(join(base, 'docs', 'new.md')) && !existsSync(join(base, 'docs', 'sub')));
    assert.equal(denials.length, attempts.length);
    assert.ok(denials.every((denial) => denial.capability === 'filesystem' && /\/docs was granted read-only/.test(denial.detail)));
  });

  test('paths outside every mount: .. and absolute paths', async () => {
    assert.match(await refused('read', { path: '/data/../outside/secret.txt' }), /^\[not-permitted\] cannot read \/data\/\.\.\/outside\/secret\.txt: it is not in a directory granted to this servlet \(granted: \/data, \/docs\)$/);
    assert.match(await refused('read', { path: '/etc/passwd' }), /^\[not-permitted\]/);
    assert.equal(await ok('raw', { op: 'dotdot', target: 'outside/secret.txt', name: '' }), 'refused: not-permitted');
    assert.equal(await ok('raw', { op: 'absolute', target: '/etc/passwd', name: '' }), 'refused: not-permitted');
    assert.equal(denials.length, 4, JSON.stringify(denials));
    assert.match(denials[2]!.detail, /`\.\.` leads outside the granted directory/);
    assert.match(denials[3]!.detail, /absolute paths are not accepted/);
  });

  test('symlinks: never created, never followed', async () => {
    assert.equal(await ok('raw', { op: 'symlink', target: '../outside', name: 'escape' }), 'refused: not-permitted');
    assert.ok(!existsSync(join(base, 'data', 'escape')));
    // One the guest finds (made on the host) is not followed either.
    symlinkSync(join(base, 'outside'), join(base, 'data', 'planted'));
    assert.match(await refused('read', { path: '/data/planted/secret.txt' }), /^\[not-permitted\]/);
    assert.match(await refused('write', { path: '/data/planted/new.txt', text: 'x' }), /^\[not-permitted\]/);
    assert.equal(await ok('raw', { op: 'readlink', target: 'planted', name: '' }), 'refused: not-permitted');
    assert.deepEqual(JSON.parse(await ok('list', { path: '/data' })), [{ name: 'planted', kind: 'symlink' }]);
    assert.ok(!existsSync(join(base, 'outside', 'new.txt')));
    assert.equal(denials.length, 4);
    assert.match(denials[0]!.detail, /servlets may not create symbolic links/);
    assert.match(denials[1]!.detail, /open \/data\/planted\/secret\.txt: a symbolic link is on the way/);
  });

  test('special files: a FIFO is refused, and nothing blocks', async () => {
    execFileSync('mkfifo', [join(base, 'data', 'pipe')]);
    assert.match(await refused('read', { path: '/data/pipe' }), /^\[not-permitted\] cannot read \/data\/pipe/);
    assert.match(await refused('write', { path: '/data/pipe', text: 'x' }), /^\[not-permitted\]/);
    assert.equal(denials.length, 2);
    assert.match(denials[0]!.detail, /open \/data\/pipe: it is not a regular file or a directory/);
  });

  test('hard links: never created', async () => {
    await ok('write', { path: '/data/a.txt', text: 'a' });
    assert.equal(await ok('raw', { op: 'link', target: 'a.txt', name: 'b.txt' }), 'refused: not-permitted');
    assert.ok(!existsSync(join(base, 'data', 'b.txt')));
    assert.match(denials[0]!.detail, /servlets may not create hard links/);
  });

  test('a mount not granted does not exist for the guest; a revoke applies on the next call', async () => {
    await ok('write', { path: '/data/a.txt', text: 'a' });
    mounts = [mounts[0]!];
    assert.match(await refused('read', { path: '/docs/guide.md' }), /^\[not-permitted\] .*granted: \/data\)$/);
    mounts = [];
    assert.match(await refused('read', { path: '/data/a.txt' }), /granted: none/);
    mounts = [mountFor(join(base, 'data'), '/data', true)];
    assert.equal(await ok('read', { path: '/data/a.txt' }), 'a');
    assert.match(await refused('write', { path: '/data/a.txt', text: 'b' }), /^\[read-only\] .* \/data is read-only/);
  });
});
