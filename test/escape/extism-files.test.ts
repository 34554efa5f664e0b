/**
 * Escape suite, files, for Extism plugins on the real path: a C plugin built with wasi-libc and
 * our header (test/fixtures/servlets-c/file-attacks, mcp.run interface, manifest embedded by
 * `mcp-wasm build`) is installed with `mcp-wasm install --mount DIR:/data --mount DIR:/docs:ro
 * --yes` and driven through `mcp-wasm serve` by the official MCP client, its instance running in
 * the Node worker as in production. It reaches for files outside its grants: `..`, absolute
 * paths, planted symbolic links, a directory swapped for a link (kept across calls, and raced by
 * a child process), a FIFO, hard and symbolic link creation, every kind of write to the read-only
 * mount, and a descriptor kept across a revoke. Each attempt gets the errno the guest sees, a
 * `denied` line in the audit log, never outside content, and the same servlet answers afterwards.
 *
 * test/escape/wasi-p1-files.test.ts keeps the attacks that need raw control of the guest's
 * memory and descriptor table (EFAULT pointers, EMFILE exhaustion), which a tool call cannot reach.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WASI_P1_ERRNO as E } from '@mcp-wasm/host';
import type { Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';
import { assertDenied, assertStillServes, callTool, cli, denials, install, newHome, scratchDir, serve } from './support.js';

const SECRET = 'TOP SECRET OUTSIDE THE MOUNT';

/** A layout: data (granted read-write as /data), docs (read-only as /docs), outside (never granted). */
function layout(prefix: string): string {
  const base = scratchDir(`extism-${prefix}`);
  for (const dir of ['data', 'docs', 'outside', 'data/sub']) mkdirSync(join(base, dir));
  writeFileSync(join(base, 'outside', 'secret.txt'), SECRET);
  writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
  writeFileSync(join(base, 'data', 'sub', 'secret.txt'), 'inside');
  writeFileSync(join(base, 'docs', 'guide.md'), '# guide\n');
  return base;
}

/** The text a tool answers when the guest met `errno`. */
const failed = (errno: number) => new RegExp(`^errno ${errno} \\(`);

describe('files (Extism plugin in C, through mcp-wasm serve)', () => {
  // One home and one `serve` for the file, a servlet per test with its own layout.
  const home = newHome();
  const bases = {
    dotdot: layout('dotdot'),
    absolute: layout('absolute'),
    planted: layout('planted'),
    swap: layout('swap'),
    race: layout('race'),
    fifo: layout('fifo'),
    links: layout('links'),
    readonly: layout('readonly'),
    revoke: layout('revoke'),
  };
  type Servlet = keyof typeof bases;
  let connection: Connection;

  const call = (servlet: Servlet, tool: string, args: object = {}) => callTool(connection, servlet, tool, args);

  /** Asserts the guest met `errno`, with a denial in the audit log matching `detail`. */
  async function assertRefused(servlet: Servlet, tool: string, args: object, errno: number, detail?: RegExp): Promise<void> {
    const answer = await call(servlet, tool, args);
    assert.equal(answer.isError, true, `${tool} ${JSON.stringify(args)} was not refused: ${answer.text}`);
    assert.match(answer.text, failed(errno), `${tool} ${JSON.stringify(args)}`);
    assert.ok(!answer.text.includes(SECRET));
    if (detail) assertDenied(home, servlet, 'filesystem', detail);
  }

  before(async () => {
    const file = await builtServlet('file-attacks');
    for (const [name, base] of Object.entries(bases)) {
      install(home, file, '--name', name, '--yes', '--mount', `${join(base, 'data')}:/data`, '--mount', `${join(base, 'docs')}:/docs:ro`);
    }
    connection = await serve(home);
    assert.deepEqual(await call('dotdot', 'read', { path: '/data/inside.txt' }), { text: 'inside', isError: false, structured: undefined }, 'the granted mount works');
  });

  after(() => connection?.transport.close());

  test('`..` out of the mount, through libc and hidden in the middle of a raw path', async () => {
    await assertRefused('dotdot', 'read', { path: '/data/../outside/secret.txt' }, E.perm, /open "\.\.\/outside\/secret\.txt" in \/data: `\.\.` leads outside the granted directory/);
    await assertRefused('dotdot', 'raw_open', { path: 'sub/../../outside/secret.txt' }, E.perm, /open "sub\/\.\.\/\.\.\/outside\/secret\.txt" in \/data: `\.\.` leads outside/);
    await assertStillServes(connection, 'dotdot');
  });

  test('an absolute host path handed to path_open; a path under no mount never reaches the host', async () => {
    const base = bases.absolute;
    await assertRefused('absolute', 'raw_open', { path: join(base, 'outside', 'secret.txt') }, E.perm, /absolute paths are not accepted/);
    await assertRefused('absolute', 'raw_open', { path: '/proc/self/environ' }, E.perm);
    const before = denials(home, 'absolute').length;
    // wasi-libc finds no preopen for these and answers ENOTCAPABLE itself: nothing to deny.
    await assertRefused('absolute', 'read', { path: join(base, 'outside', 'secret.txt') }, E.notcapable);
    await assertRefused('absolute', 'read', { path: '/etc/passwd' }, E.notcapable);
    assert.equal(denials(home, 'absolute').length, before);
    await assertStillServes(connection, 'absolute');
  });

  test('symbolic links planted on the host, to a file and to a directory outside, are not followed', async () => {
    const base = bases.planted;
    symlinkSync(join(base, 'outside', 'secret.txt'), join(base, 'data', 'link'));
    symlinkSync(join(base, 'outside'), join(base, 'data', 'dirlink'));
    await assertRefused('planted', 'read', { path: '/data/link' }, E.perm, /open \/data\/link: a symbolic link is on the way, and servlets may never follow symbolic links/);
    await assertRefused('planted', 'read', { path: '/data/dirlink/secret.txt' }, E.perm, /open \/data\/dirlink\/secret\.txt: a symbolic link is on the way/);
    await assertRefused('planted', 'stat', { path: '/data/link' }, E.perm, /stat \/data\/link: it is a symbolic link/);
    await assertRefused('planted', 'write', { path: '/data/dirlink/planted.txt', data: 'x' }, E.perm);
    assert.equal(existsSync(join(base, 'outside', 'planted.txt')), false);
    await assertStillServes(connection, 'planted');
  });

  test('a directory kept open in one call and swapped for a link before the next', async () => {
    const base = bases.swap;
    const kept = await call('swap', 'keep_dir', { path: '/data/sub' });
    const fd = Number(/^fd (\d+)$/.exec(kept.text)?.[1]);
    assert.ok(fd >= 3, kept.text);
    assert.equal((await call('swap', 'read_at', { fd, path: 'secret.txt' })).text, 'inside');
    renameSync(join(base, 'data', 'sub'), join(base, 'data', 'sub.old'));
    symlinkSync(join(base, 'outside'), join(base, 'data', 'sub'));
    await assertRefused('swap', 'read_at', { fd, path: 'secret.txt' }, E.perm, /open \/data\/sub\/secret\.txt: a symbolic link is on the way/);
    await assertStillServes(connection, 'swap');
  });

  test('a directory swapped for a link to outside while the plugin reads through it (race)', async () => {
    const data = join(bases.race, 'data');
    symlinkSync('../outside', join(data, 'evil'));
    // Atomic renames, as fast as the child can, for as long as the plugin reads.
    const swapper = spawn(process.execPath, [
      '-e',
      `const fs = require('node:fs'); const d = ${JSON.stringify(data)};
       const mv = (a, b) => { try { fs.renameSync(d + '/' + a, d + '/' + b); } catch {} };
       for (;;) { mv('sub', 'real'); mv('evil', 'sub'); mv('sub', 'evil'); mv('real', 'sub'); }`,
    ]);
    try {
      const answer = await call('race', 'read_many', { path: '/data/sub/secret.txt', times: 2000 });
      const seen = JSON.parse(answer.text) as { inside: number; errors: number; other: number; firstOther: string };
      assert.equal(seen.other, 0, `outside content came through: ${answer.text}`);
      assert.ok(seen.inside > 0, `the real directory was read: ${answer.text}`);
      assert.ok(seen.errors > 0, `the swap was met while reading: ${answer.text}`);
    } finally {
      swapper.kill();
    }
    await assertStillServes(connection, 'race');
  });

  test('a FIFO planted in the mount is refused without blocking', async () => {
    execFileSync('mkfifo', [join(bases.fifo, 'data', 'pipe')]);
    await assertRefused('fifo', 'read', { path: '/data/pipe' }, E.perm, /open \/data\/pipe: it is not a regular file or a directory \(a FIFO, socket or device\)/);
    await assertStillServes(connection, 'fifo');
  });

  test('hard links (inside the mount, and to a file outside) and symbolic links are never made', async () => {
    const base = bases.links;
    await assertRefused('links', 'link', { path: '/data/inside.txt', to: '/data/hard' }, E.perm, /servlets may not create hard links/);
    await assertRefused('links', 'link', { path: '/docs/guide.md', to: '/data/hard2' }, E.perm);
    await assertRefused('links', 'symlink', { path: join(base, 'outside', 'secret.txt'), to: '/data/made' }, E.perm, /create symbolic link "made" to ".*secret\.txt" in \/data: servlets may not create symbolic links/);
    await assertRefused('links', 'symlink', { path: '../outside', to: '/data/up' }, E.perm);
    for (const name of ['hard', 'hard2', 'made', 'up']) assert.equal(existsSync(join(base, 'data', name)), false, name);
    await assertStillServes(connection, 'links');
  });

  test('the read-only mount refuses every kind of write', async () => {
    const base = bases.readonly;
    const attempts: [string, object][] = [
      ['write', { path: '/docs/guide.md', data: 'defaced' }],
      ['write', { path: '/docs/new.md', data: 'x' }],
      ['append', { path: '/docs/guide.md', data: 'x' }],
      ['open_rw', { path: '/docs/guide.md' }],
      ['truncate', { path: '/docs/guide.md' }],
      ['unlink', { path: '/docs/guide.md' }],
      ['mkdir', { path: '/docs/sub' }],
      ['touch', { path: '/docs/guide.md' }],
      ['rename', { path: '/docs/guide.md', to: '/data/taken.md' }],
      ['rename', { path: '/data/inside.txt', to: '/docs/planted.txt' }],
    ];
    for (const [tool, args] of attempts) await assertRefused('readonly', tool, args, E.rofs, /\/docs was granted read-only/);
    assert.equal(denials(home, 'readonly').length, attempts.length, 'one denial per attempt');
    assert.equal(readFileSync(join(base, 'docs', 'guide.md'), 'utf8'), '# guide\n');
    for (const path of ['docs/new.md', 'docs/sub', 'docs/planted.txt', 'data/taken.md']) assert.equal(existsSync(join(base, path)), false, path);
    assert.equal((await call('readonly', 'read', { path: '/docs/guide.md' })).text, '# guide\n', 'reading it stays allowed');
    await assertStillServes(connection, 'readonly');
  });

  test('a revoke between calls applies to a descriptor the plugin kept', async () => {
    const base = bases.revoke;
    const kept = await call('revoke', 'keep_open', { path: '/data/inside.txt' });
    const fd = Number(/^fd (\d+)$/.exec(kept.text)?.[1]);
    assert.ok(fd >= 3, kept.text);
    assert.equal((await call('revoke', 'read_kept', { fd })).text, 'inside');

    assert.equal(cli(home, ['revoke', 'revoke', 'mount:/data']).status, 0);
    await assertRefused('revoke', 'read_kept', { fd }, E.perm, /read \/data\/inside\.txt: \/data is no longer granted to this servlet/);
    await assertRefused('revoke', 'write_kept', { fd, data: 'X' }, E.perm, /write \/data\/inside\.txt: \/data is no longer granted to this servlet/);
    assert.equal(readFileSync(join(base, 'data', 'inside.txt'), 'utf8'), 'inside');
    await assertStillServes(connection, 'revoke');

    // Granted again read-only: the kept read-write descriptor reads, and may not write.
    const granted = cli(home, ['grant', 'revoke', '--mount', `${join(base, 'data')}:/data:ro`]);
    assert.equal(granted.status, 0, granted.stderr);
    assert.equal((await call('revoke', 'read_kept', { fd })).text, 'inside');
    await assertRefused('revoke', 'write_kept', { fd, data: 'X' }, E.rofs, /\/data was granted read-only/);
    assert.equal(readFileSync(join(base, 'data', 'inside.txt'), 'utf8'), 'inside');

    // Granted at another host directory: /data is a new grant, and the old descriptor stays dead.
    const elsewhere = cli(home, ['grant', 'revoke', '--mount', `${join(base, 'outside')}:/data:ro`]);
    assert.equal(elsewhere.status, 0, elsewhere.stderr);
    await assertRefused('revoke', 'read_kept', { fd }, E.perm);
    await assertStillServes(connection, 'revoke');
  });
});
