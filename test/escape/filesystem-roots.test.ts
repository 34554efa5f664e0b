/**
 * Escape suite, mount roots held by identity. A mount root is resolved to its real path when it is
 * granted, reached from `/` without following any symlink, and used only while it is the directory
 * granted (device and inode); one servlet's mounts never overlap.
 * - `nested-mount-rename`: the attack of the review, a mount nested in another servlet's read-write
 *   mount, whose path that servlet re-points by renames through a relative link the person's tree
 *   holds; and the same nesting inside one servlet, refused outright.
 * - `root-symlink`: a root granted through a link, the link re-pointed, a parent swapped for a link
 *   to a twin tree outside, the directory replaced.
 * - `overlap-write`: a read-only mount inside (or equal to) a read-write one of the same servlet.
 * Each gets a refusal (a WASI code, a `denied` line), never outside content, and the host serves on.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { runCli } from '../support/cli.js';
import { assertDenied, assertStillServes, buildGuests, callTool, cli, editMounts, install, newHome, recordedMount, scratchDir, serve } from './support.js';

const SECRET = 'OUTSIDE EVERY MOUNT';

describe('mount roots', () => {
  const home = newHome();
  const nested = scratchDir('nested');
  const rooted = scratchDir('rooted');
  const overlap = scratchDir('overlap');
  let built: Record<'nested-mount-rename' | 'root-symlink' | 'overlap-write', string>;
  let connection: Connection;

  const call = (servlet: string, tool: string, args: object = {}) => callTool(connection, servlet, tool, args);

  before(async () => {
    built = await buildGuests(['nested-mount-rename', 'root-symlink', 'overlap-write']);

    // nested: outer/ is one servlet's read-write mount; outer/sub/inner is another's. outer/hop is
    // a relative link the person's tree holds; elsewhere/ is under no mount.
    mkdirSync(join(nested, 'outer', 'sub', 'inner'), { recursive: true });
    writeFileSync(join(nested, 'outer', 'sub', 'inner', 'note.txt'), 'inner note');
    mkdirSync(join(nested, 'outer', 'decoy', 'inner'), { recursive: true });
    writeFileSync(join(nested, 'outer', 'decoy', 'inner', 'note.txt'), 'decoy note');
    mkdirSync(join(nested, 'elsewhere', 'inner'), { recursive: true });
    writeFileSync(join(nested, 'elsewhere', 'inner', 'note.txt'), SECRET);
    symlinkSync('../elsewhere', join(nested, 'outer', 'hop'));
    install(home, built['nested-mount-rename'], '--name', 'outer', '--yes', '--deny', 'mount:/inner', '--mount', `${join(nested, 'outer')}:/outer`);
    install(home, built['nested-mount-rename'], '--name', 'inner', '--yes', '--deny', 'mount:/outer', '--mount', `${join(nested, 'outer', 'sub', 'inner')}:/inner`);

    // rooted: real/data is granted through data-link; twin/data, outside, has the same layout.
    for (const dir of ['real/data', 'twin/data']) mkdirSync(join(rooted, dir), { recursive: true });
    writeFileSync(join(rooted, 'real', 'data', 'note.txt'), 'inside');
    writeFileSync(join(rooted, 'twin', 'data', 'note.txt'), SECRET);
    symlinkSync(join(rooted, 'real', 'data'), join(rooted, 'data-link'));
    install(home, built['root-symlink'], '--yes', '--mount', `${join(rooted, 'data-link')}:/data`);

    // overlap: x/ holds ro/ (a read-only tree); a/ and b/ are siblings.
    for (const dir of ['x/ro', 'a', 'b']) mkdirSync(join(overlap, dir), { recursive: true });
    writeFileSync(join(overlap, 'x', 'ro', 'guide.md'), '# guide\n');
    install(home, built['overlap-write'], '--yes', '--mount', `${join(overlap, 'a')}:/outer`, '--mount', `${join(overlap, 'b')}:/inner`);
    install(home, built['overlap-write'], '--name', 'overlap-edited', '--yes', '--mount', `${join(overlap, 'a')}:/outer`, '--mount', `${join(overlap, 'b')}:/inner`);
    // A state file edited by hand to grant what install refuses (tested below): x/ read-write, x/ro read-only.
    editMounts(home, 'overlap-edited', [recordedMount(join(overlap, 'x'), '/outer'), recordedMount(join(overlap, 'x', 'ro'), '/inner', 'read-only')]);

    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  describe('nested-mount-rename', () => {
    test('one servlet granted a mount inside its own read-write mount: refused at install and grant', () => {
      const both = cli(newHome(), ['install', built['nested-mount-rename'], '--yes', '--mount', `${join(nested, 'outer')}:/outer`, '--mount', `${join(nested, 'outer', 'sub', 'inner')}:/inner`]);
      assert.equal(both.status, 1);
      assert.match(both.stderr, /cannot mount .*\/outer at \/outer together with .*\/outer\/sub\/inner at \/inner: one directory is or contains the other/);
      const grant = cli(home, ['grant', 'inner', '--mount', `${join(nested, 'outer')}:/outer`]);
      assert.equal(grant.status, 1);
      assert.match(grant.stderr, /one directory is or contains the other/);
    });

    test("the review's attack: renames re-point the nested mount's path through a relative link to outside", async () => {
      assert.equal((await call('inner', 'read', { path: '/inner/note.txt' })).text, 'inner note', 'the nested mount works');
      const moved = await call('outer', 'shuffle', { moves: [['/outer/sub', '/outer/sub.away'], ['/outer/hop', '/outer/sub']] });
      assert.equal(moved.text, 'moved', 'renaming a directory and a link inside its own mount is allowed');
      assert.equal(readFileSync(join(nested, 'outer', 'sub', 'inner', 'note.txt'), 'utf8'), SECRET, "the inner mount's path now leads outside");

      const read = await call('inner', 'read', { path: '/inner/note.txt' });
      assert.match(read.text, /^\[not-permitted\] /);
      assert.ok(!read.text.includes(SECRET));
      assertDenied(home, 'inner', 'filesystem', /open \/inner\/note\.txt: a symbolic link is on the way/);
      const listed = await call('outer', 'read', { path: '/outer/sub/inner/note.txt' });
      assert.match(listed.text, /^\[not-permitted\] /, 'nor through the outer mount');
      const planted = await call('outer', 'write', { path: '/outer/sub/inner/planted.txt', text: 'x' });
      assert.match(planted.text, /^\[not-permitted\] /);
      assert.ok(!existsSync(join(nested, 'elsewhere', 'inner', 'planted.txt')), 'nothing written outside');
      await assertStillServes(connection, 'inner');
    });

    test("another directory renamed into the nested mount's path: refused as replaced, not served", async () => {
      const moved = await call('outer', 'shuffle', { moves: [['/outer/sub', '/outer/hop'], ['/outer/decoy', '/outer/sub']] });
      assert.equal(moved.text, 'moved');
      const read = await call('inner', 'read', { path: '/inner/note.txt' });
      assert.match(read.text, /^\[not-permitted\] /);
      assert.ok(!read.text.includes('decoy'));
      assertDenied(home, 'inner', 'filesystem', /the granted directory is no longer at its path \(it was moved or replaced since it was granted\)/);

      const back = await call('outer', 'shuffle', { moves: [['/outer/sub', '/outer/decoy'], ['/outer/sub.away', '/outer/sub']] });
      assert.equal(back.text, 'moved');
      assert.equal((await call('inner', 'read', { path: '/inner/note.txt' })).text, 'inner note', 'the directory granted, back at its path, serves again');
    });
  });

  describe('root-symlink', () => {
    test('a root granted through a link is recorded by its real path; re-pointing the link changes nothing', async () => {
      const listed = JSON.parse(runCli(['list', '--json'], { home }).stdout) as { name: string; grants: { mounts: { host: string }[] } }[];
      assert.deepEqual(listed.find((servlet) => servlet.name === 'root-symlink')?.grants.mounts.map((mount) => mount.host), [join(rooted, 'real', 'data')]);
      assert.equal((await call('root-symlink', 'read', { path: '/data/note.txt' })).text, 'inside');
      rmSync(join(rooted, 'data-link'));
      symlinkSync(join(rooted, 'twin', 'data'), join(rooted, 'data-link'));
      assert.equal((await call('root-symlink', 'read', { path: '/data/note.txt' })).text, 'inside', 'still the directory granted');
    });

    test('a parent of the root swapped for a link to a twin tree outside: refused, for reads, listings and writes', async () => {
      renameSync(join(rooted, 'real'), join(rooted, 'real.away'));
      symlinkSync(join(rooted, 'twin'), join(rooted, 'real'));
      try {
        for (const [tool, args] of [
          ['read', { path: '/data/note.txt' }],
          ['list', { path: '/data' }],
          ['write', { path: '/data/planted.txt', text: 'x' }],
        ] as const) {
          const answer = await call('root-symlink', tool, args);
          assert.match(answer.text, /^\[not-permitted\] /, `${tool}: ${answer.text}`);
          assert.ok(!answer.text.includes(SECRET));
        }
        assert.ok(!existsSync(join(rooted, 'twin', 'data', 'planted.txt')), 'nothing written in the twin');
        assertDenied(home, 'root-symlink', 'filesystem', /open \/data\/note\.txt: a symbolic link is on the way/);
      } finally {
        rmSync(join(rooted, 'real'));
        renameSync(join(rooted, 'real.away'), join(rooted, 'real'));
      }
      assert.equal((await call('root-symlink', 'read', { path: '/data/note.txt' })).text, 'inside');
    });

    test('the root replaced by another directory at its path: refused as replaced', async () => {
      renameSync(join(rooted, 'real', 'data'), join(rooted, 'real', 'data.old'));
      mkdirSync(join(rooted, 'real', 'data'));
      writeFileSync(join(rooted, 'real', 'data', 'note.txt'), 'replacement');
      try {
        const answer = await call('root-symlink', 'read', { path: '/data/note.txt' });
        assert.match(answer.text, /^\[not-permitted\] /);
        assertDenied(home, 'root-symlink', 'filesystem', /open \/data\/note\.txt: the granted directory is no longer at its path/);
      } finally {
        rmSync(join(rooted, 'real', 'data'), { recursive: true });
        renameSync(join(rooted, 'real', 'data.old'), join(rooted, 'real', 'data'));
      }
      assert.equal((await call('root-symlink', 'read', { path: '/data/note.txt' })).text, 'inside');
      await assertStillServes(connection, 'root-symlink');
    });
  });

  describe('overlap-write', () => {
    test('a read-only mount inside, equal to, or around a read-write one of the same servlet: refused at install', () => {
      const x = join(overlap, 'x');
      for (const mounts of [
        [`${x}:/outer`, `${x}/ro:/inner`],
        [`${x}:/outer`, `${x}:/inner`],
        [`${x}/ro:/outer`, `${x}:/inner`],
      ]) {
        const result = cli(newHome(), ['install', built['overlap-write'], '--yes', ...mounts.flatMap((mount) => ['--mount', mount])]);
        assert.equal(result.status, 1, mounts.join(' '));
        assert.match(result.stderr, /one directory is or contains the other, so a servlet could reach \(and move\) the inner one's files past its access/);
      }
    });

    test('mounts that do not overlap compose as granted', async () => {
      assert.equal((await call('overlap-write', 'mounts')).text, '/outer:rw,/inner:ro');
      assert.equal((await call('overlap-write', 'write', { path: '/outer/a.txt', text: 'a' })).text, 'written');
      assert.match((await call('overlap-write', 'write', { path: '/inner/b.txt', text: 'b' })).text, /^\[read-only\] /);
    });

    test('overlapping mounts from a state file edited by hand are both left out: the read-only files stay unwritten', async () => {
      assert.equal((await call('overlap-edited', 'mounts')).text, 'none');
      for (const path of ['/outer/ro/guide.md', '/inner/guide.md']) {
        assert.match((await call('overlap-edited', 'write', { path, text: 'defaced' })).text, /^\[not-permitted\] /, path);
      }
      assert.match((await call('overlap-edited', 'move', { from: '/outer/ro', to: '/outer/moved' })).text, /^\[not-permitted\] /);
      assert.equal(readFileSync(join(overlap, 'x', 'ro', 'guide.md'), 'utf8'), '# guide\n');
      assertDenied(home, 'overlap-edited', 'filesystem', /cannot mount .*\/x at \/outer together with .*\/x\/ro at \/inner: one directory is or contains the other/);
      await assertStillServes(connection, 'overlap-edited');
    });
  });
});
