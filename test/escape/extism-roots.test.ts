/**
 * Escape suite, mount roots for Extism plugins (WASI preview 1 on the same backend): the C plugin
 * of test/fixtures/servlets-c/file-attacks, through `mcp-wasm serve`. A mount around the mcp-wasm
 * home and overlapping mounts are refused at install; the review's nested-mount rename, done by one
 * plugin to another's mount, and a parent of a root swapped for a link by the host, are refused at
 * the next access (EPERM, a `denied` line), never followed to the outside.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { WASI_P1_ERRNO as E } from '@mcp-wasm/host';
import type { Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';
import { assertDenied, assertStillServes, callTool, cli, install, newHome, scratchDir, serve } from './support.js';

const SECRET = 'OUTSIDE EVERY MOUNT';
const failed = (errno: number) => new RegExp(`^errno ${errno} \\(`);

describe('mount roots (Extism plugin in C, through mcp-wasm serve)', () => {
  const home = newHome();
  const base = scratchDir('extism-roots');
  let plugin: string;
  let connection: Connection;

  const call = (servlet: string, tool: string, args: object = {}) => callTool(connection, servlet, tool, args);

  before(async () => {
    plugin = await builtServlet('file-attacks');
    mkdirSync(join(base, 'outer', 'sub', 'inner'), { recursive: true });
    writeFileSync(join(base, 'outer', 'sub', 'inner', 'note.txt'), 'inner note');
    mkdirSync(join(base, 'elsewhere', 'inner'), { recursive: true });
    writeFileSync(join(base, 'elsewhere', 'inner', 'note.txt'), SECRET);
    symlinkSync('../elsewhere', join(base, 'outer', 'hop'));
    for (const dir of ['real/data', 'twin/data']) mkdirSync(join(base, dir), { recursive: true });
    writeFileSync(join(base, 'real', 'data', 'note.txt'), 'inside');
    writeFileSync(join(base, 'twin', 'data', 'note.txt'), SECRET);

    install(home, plugin, '--name', 'p-outer', '--yes', '--deny', 'mount:/docs', '--mount', `${join(base, 'outer')}:/data`);
    install(home, plugin, '--name', 'p-inner', '--yes', '--deny', 'mount:/data', '--mount', `${join(base, 'outer', 'sub', 'inner')}:/docs:ro`);
    install(home, plugin, '--name', 'p-rooted', '--yes', '--deny', 'mount:/docs', '--mount', `${join(base, 'real', 'data')}:/data`);
    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  test('home-mount: a mount containing the home, and overlapping mounts, are refused at install', () => {
    const clone = scratchDir('extism-clone');
    const cloneHome = join(clone, '.mcp-wasm-home');
    mkdirSync(cloneHome);
    const around = cli(cloneHome, ['install', plugin, '--yes', '--deny', 'mount:/docs', '--mount', `${clone}:/data`]);
    assert.equal(around.status, 1);
    assert.match(around.stderr, /cannot mount .* at \/data: it contains the mcp-wasm home/);
    const overlapping = cli(newHome(), ['install', plugin, '--yes', '--mount', `${join(base, 'outer')}:/data`, '--mount', `${join(base, 'outer', 'sub')}:/docs:ro`]);
    assert.equal(overlapping.status, 1);
    assert.match(overlapping.stderr, /one directory is or contains the other/);
  });

  test("nested-mount-rename: one plugin re-points another's mount through a relative link: refused, never followed", async () => {
    assert.equal((await call('p-inner', 'read', { path: '/docs/note.txt' })).text, 'inner note');
    assert.equal((await call('p-outer', 'rename', { path: '/data/sub', to: '/data/sub.away' })).text, 'ok');
    assert.equal((await call('p-outer', 'rename', { path: '/data/hop', to: '/data/sub' })).text, 'ok');
    assert.equal(readFileSync(join(base, 'outer', 'sub', 'inner', 'note.txt'), 'utf8'), SECRET, "the inner mount's path now leads outside");
    const read = await call('p-inner', 'read', { path: '/docs/note.txt' });
    assert.match(read.text, failed(E.perm));
    assert.ok(!read.text.includes(SECRET));
    assertDenied(home, 'p-inner', 'filesystem', /open \/docs\/note\.txt: a symbolic link is on the way/);
    assert.equal((await call('p-outer', 'rename', { path: '/data/sub', to: '/data/hop' })).text, 'ok');
    assert.equal((await call('p-outer', 'rename', { path: '/data/sub.away', to: '/data/sub' })).text, 'ok');
    assert.equal((await call('p-inner', 'read', { path: '/docs/note.txt' })).text, 'inner note', 'back at its path, it serves again');
    await assertStillServes(connection, 'p-inner');
  });

  test('root-symlink: a parent of the root swapped for a link to a twin tree by the host: refused', async () => {
    renameSync(join(base, 'real'), join(base, 'real.away'));
    symlinkSync(join(base, 'twin'), join(base, 'real'));
    try {
      const read = await call('p-rooted', 'read', { path: '/data/note.txt' });
      assert.match(read.text, failed(E.perm));
      assert.ok(!read.text.includes(SECRET));
      assert.match((await call('p-rooted', 'write', { path: '/data/planted.txt', data: 'x' })).text, failed(E.perm));
      assert.ok(!existsSync(join(base, 'twin', 'data', 'planted.txt')));
      assertDenied(home, 'p-rooted', 'filesystem', /a symbolic link is on the way/);
    } finally {
      rmSync(join(base, 'real'));
      renameSync(join(base, 'real.away'), join(base, 'real'));
    }
    assert.equal((await call('p-rooted', 'read', { path: '/data/note.txt' })).text, 'inside');
    await assertStillServes(connection, 'p-rooted');
  });
});
