/**
 * Escape suite, trailing slashes (`trailing-slash`, the class of RUSTSEC-2026-0269): `file/` names
 * a directory, so for a regular file every `wasi:filesystem` operation that takes a path fails
 * with `not-directory`, raw and through the SDK, and the file is left as it was; `link/` would
 * follow a link (POSIX resolves it), so it is refused as a symbolic link; and `new/` never
 * creates a regular file.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { assertDenied, assertStillServes, buildGuests, callTool, install, newHome, scratchDir, serve } from './support.js';

const SERVLET = 'trailing-slash';

describe('trailing-slash', () => {
  const home = newHome();
  const base = scratchDir('slash');
  const data = join(base, 'data');
  let connection: Connection;

  const probe = async (path: string, to = 'moved'): Promise<Record<string, string>> =>
    JSON.parse((await callTool(connection, SERVLET, 'probe', { path, to })).text) as Record<string, string>;

  before(async () => {
    const { 'trailing-slash': file } = await buildGuests(['trailing-slash']);
    mkdirSync(join(base, 'outside'), { recursive: true });
    mkdirSync(data);
    writeFileSync(join(base, 'outside', 'secret.txt'), 'OUTSIDE');
    install(home, file, '--yes', '--mount', `${data}:/data`);
    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  test('`file/` and `file/.` are not-directory for a regular file, in every operation', async () => {
    writeFileSync(join(data, 'file'), 'content');
    for (const path of ['file/', 'file/.', 'file//']) {
      const outcomes = await probe(path);
      for (const [operation, outcome] of Object.entries(outcomes)) assert.equal(outcome, 'not-directory', `${operation} on ${path}`);
      assert.equal(Object.keys(outcomes).length, 15, 'every operation was tried');
    }
    assert.equal(readFileSync(join(data, 'file'), 'utf8'), 'content', 'the file is untouched');
    assert.deepEqual(readdirSync(data), ['file'], 'nothing was renamed, removed or created');
    await assertStillServes(connection, SERVLET);
  });

  test('`link/` would follow the link: refused as a symbolic link, the outside never reached', async () => {
    symlinkSync(join(base, 'outside'), join(data, 'link'));
    const outcomes = await probe('link/');
    // Two calls act on the link itself, which is no directory: removing it as a directory, and
    // renaming it to `moved/` (a destination written as a directory). The others would follow it.
    const onTheLink = ['remove-directory-at', 'rename-at to'];
    for (const [operation, outcome] of Object.entries(outcomes)) assert.equal(outcome, onTheLink.includes(operation) ? 'not-directory' : 'not-permitted', `${operation} on link/`);
    assertDenied(home, SERVLET, 'filesystem', /link: a symbolic link is on the way, and servlets may never follow symbolic links/);
    assert.deepEqual(readdirSync(join(base, 'outside')), ['secret.txt'], 'nothing created, moved or removed outside');
    assert.ok(existsSync(join(data, 'link')), 'the link itself stays');
  });

  test('`dir/` works on a directory, and `new/` never creates a regular file', async () => {
    mkdirSync(join(data, 'dir'));
    // The operations run in turn on the same name: the directory is removed, made again, renamed.
    const onDirectory = await probe('dir/', 'dir2');
    assert.equal(onDirectory['open-at directory'], 'ok');
    assert.equal(onDirectory['stat-at'], 'ok');
    assert.equal(onDirectory['open-at create'], 'is-directory', 'creating a file named as a directory');
    assert.equal(onDirectory['unlink-file-at'], 'is-directory');
    assert.equal(onDirectory['remove-directory-at'], 'ok');
    assert.equal(onDirectory['create-directory-at'], 'ok');
    assert.equal(onDirectory['rename-at from'], 'ok');
    assert.ok(statSync(join(data, 'dir2')).isDirectory());
    const onNew = await probe('new/', 'new2');
    assert.equal(onNew['open-at create'], 'is-directory');
    assert.equal(onNew['create-directory-at'], 'ok', 'a directory may be created with a trailing slash');
    assert.ok(statSync(join(data, 'new2')).isDirectory(), 'made as a directory, then renamed');
    assert.ok(!existsSync(join(data, 'new')));
    await assertStillServes(connection, SERVLET);
  });
});
