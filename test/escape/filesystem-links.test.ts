/**
 * Escape suite, links: a guest with /data granted read-write plants a symbolic link to outside,
 * reads through one the host planted, races a directory that a child process keeps swapping for a
 * link to outside, and makes hard links. It never sees outside content, links are never created,
 * every refusal is audited, and the host serves the next call.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { assertDenied, assertStillServes, buildGuests, callTool, install, newHome, scratchDir, serve } from './support.js';

const OUTSIDE = 'OUTSIDE CONTENT';

/** A directory with `data` (to be granted) and `outside` (never granted, holding secret.txt). */
function layout(prefix: string): string {
  const base = scratchDir(prefix);
  for (const dir of ['data', 'outside']) mkdirSync(join(base, dir));
  writeFileSync(join(base, 'outside', 'secret.txt'), OUTSIDE);
  writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
  return base;
}

describe('links', () => {
  // One home and one `serve` for the whole file (a servlet per test, each with its own layout as
  // /data), so the component is transpiled once per guest, not once per test.
  const home = newHome();
  const bases = {
    'symlink-escape': layout('symlink'),
    planted: layout('planted'),
    'symlink-race': layout('race'),
    'hard-link': layout('hardlink'),
    'hard-link-out': layout('hardlink-out'),
  };
  let connection: Connection;

  /** The servlet installed for one test, and its layout. */
  function start(servlet: keyof typeof bases): { home: string; base: string; connection: Connection } {
    return { home, base: bases[servlet], connection };
  }

  before(async () => {
    const built = await buildGuests(['symlink-escape', 'symlink-race', 'hard-link']);
    const guestOf = { 'symlink-escape': 'symlink-escape', planted: 'symlink-escape', 'symlink-race': 'symlink-race', 'hard-link': 'hard-link', 'hard-link-out': 'hard-link' } as const;
    symlinkSync(join(bases.planted, 'outside'), join(bases.planted, 'data', 'planted'));
    symlinkSync(join(bases.planted, 'outside', 'secret.txt'), join(bases.planted, 'data', 'secret-link'));
    mkdirSync(join(bases['symlink-race'], 'data', 'swap'));
    writeFileSync(join(bases['symlink-race'], 'data', 'swap', 'secret.txt'), 'inside');
    symlinkSync('../outside', join(bases['symlink-race'], 'data', 'evil'));
    for (const [name, base] of Object.entries(bases)) {
      install(home, built[guestOf[name as keyof typeof bases]], '--name', name, '--yes', '--mount', `${join(base, 'data')}:/data`);
    }
    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  test('a symlink to outside created by the guest in a read-write mount', async () => {
    const { home, base, connection } = start('symlink-escape');
    for (const target of ['../outside', join(base, 'outside'), '/etc']) {
      assert.equal((await callTool(connection, 'symlink-escape', 'plant', { target, name: 'escape' })).text, 'refused: not-permitted', target);
    }
    assert.ok(!existsSync(join(base, 'data', 'escape')), 'no link was created on the host');
    assertDenied(home, 'symlink-escape', 'filesystem', /servlets may not create symbolic links/);
    await assertStillServes(connection, 'symlink-escape');
  });

  test('a symlink planted on the host is not followed', async () => {
    const { home, base, connection } = start('planted');
    const dir = await callTool(connection, 'planted', 'read_through', { name: 'planted/secret.txt' });
    const file = await callTool(connection, 'planted', 'read_through', { name: 'secret-link' });
    for (const answer of [dir, file]) {
      assert.ok(!answer.text.includes(OUTSIDE), answer.text);
      assert.match(answer.text, /^raw refused: not-permitted\nsdk \[not-permitted\] /);
    }
    const write = await callTool(connection, 'planted', 'write_through', { path: '/data/planted/new.txt', text: 'x' });
    assert.match(write.text, /^\[not-permitted\] /);
    assert.ok(!existsSync(join(base, 'outside', 'new.txt')));
    assert.equal((await callTool(connection, 'planted', 'readlink', { name: 'planted' })).text, 'refused: not-permitted', 'where it points is not revealed');
    assertDenied(home, 'planted', 'filesystem', /a symbolic link is on the way/);
    await assertStillServes(connection, 'planted');
  });

  test('a symlink swapped in after a check (race)', async () => {
    const { base, connection } = start('symlink-race');
    // The child swaps data/swap between the real directory and the link to outside, with atomic
    // renames, as fast as it can, for as long as the guest reads.
    const swapper = spawn(process.execPath, [
      '-e',
      `const fs = require('node:fs'); const d = ${JSON.stringify(join(base, 'data'))};
       const mv = (a, b) => { try { fs.renameSync(d + '/' + a, d + '/' + b); } catch {} };
       for (;;) { mv('swap', 'real'); mv('evil', 'swap'); mv('swap', 'evil'); mv('real', 'swap'); }`,
    ]);
    try {
      const seen = JSON.parse((await callTool(connection, 'symlink-race', 'read_many', { path: 'swap/secret.txt', times: 400 })).text) as Record<string, number>;
      assert.ok(!Object.keys(seen).some((what) => what.includes(OUTSIDE)), `outside content came through: ${JSON.stringify(seen)}`);
      assert.ok((seen['content: inside'] ?? 0) > 0, `the real directory was read: ${JSON.stringify(seen)}`);
      assert.ok(Object.keys(seen).some((what) => what.includes('error')), `the swap was met while reading: ${JSON.stringify(seen)}`);
    } finally {
      swapper.kill();
    }
    await assertStillServes(connection, 'symlink-race');
  });

  test('a hard link inside the mount', async () => {
    const { home, base, connection } = start('hard-link');
    assert.equal((await callTool(connection, 'hard-link', 'link', { from: 'inside.txt', to: 'copy.txt' })).text, 'refused: not-permitted');
    assert.ok(!existsSync(join(base, 'data', 'copy.txt')));
    assertDenied(home, 'hard-link', 'filesystem', /servlets may not create hard links/);
    await assertStillServes(connection, 'hard-link');
  });

  test('a hard link to a file outside the mount', async () => {
    const { base, connection } = start('hard-link-out');
    assert.equal((await callTool(connection, 'hard-link-out', 'link', { from: '../outside/secret.txt', to: 'stolen.txt' })).text, 'refused: not-permitted');
    assert.ok(!existsSync(join(base, 'data', 'stolen.txt')));
    assert.equal(readFileSync(join(base, 'outside', 'secret.txt'), 'utf8'), OUTSIDE);
    await assertStillServes(connection, 'hard-link-out');
  });
});
