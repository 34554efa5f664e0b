/**
 * Escape suite, filesystem paths: a guest with /data granted read-write reaches for files outside
 * it — `..`, absolute host paths, /proc/self/environ, a FIFO, a mount it requested but was not
 * granted — through the SDK and raw through `wasi:filesystem`. Each attempt is refused with the
 * WASI code the guest sees, lands in the audit log, and the host serves the next call.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { assertDenied, assertStillServes, buildGuests, callTool, install, newHome, scratchDir, serve } from './support.js';

const SERVLET = 'path-escape';
const SECRET = 'TOP SECRET OUTSIDE THE MOUNT';

describe('filesystem paths', () => {
  let home: string;
  let base: string;
  let connection: Connection;

  before(async () => {
    const { 'path-escape': file } = await buildGuests(['path-escape']);
    base = scratchDir('paths');
    for (const dir of ['data', 'outside']) mkdirSync(join(base, dir));
    writeFileSync(join(base, 'outside', 'secret.txt'), SECRET);
    writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
    execFileSync('mkfifo', [join(base, 'data', 'pipe')]);
    home = newHome();
    install(home, file, '--yes', '--mount', `${join(base, 'data')}:/data`);
    connection = await serve(home);
    assert.equal((await callTool(connection, SERVLET, 'read', { path: '/data/inside.txt' })).text, 'inside', 'the granted mount works');
  });

  after(() => connection?.transport.close());

  test('dot-dot traversal out of a mount', async () => {
    const answer = await callTool(connection, SERVLET, 'read', { path: '/data/../outside/secret.txt' });
    assert.equal(answer.isError, true);
    assert.equal(answer.text, '[not-permitted] cannot read /data/../outside/secret.txt: it is not in a directory granted to this servlet (granted: /data)');
    assertDenied(home, SERVLET, 'filesystem', /\/data\/\.\.\/outside\/secret\.txt|\/outside\/secret\.txt/);
    await assertStillServes(connection, SERVLET);
  });

  test('dot-dot traversal through raw wasi:filesystem', async () => {
    const answer = await callTool(connection, SERVLET, 'raw_read', { path: '../outside/secret.txt' });
    assert.equal(answer.text, 'refused: not-permitted');
    assertDenied(home, SERVLET, 'filesystem', /`\.\.` leads outside the granted directory/);
    await assertStillServes(connection, SERVLET);
  });

  test('dot-dot hidden in the middle of a raw path', async () => {
    const answer = await callTool(connection, SERVLET, 'raw_read', { path: 'sub/../../outside/secret.txt' });
    assert.equal(answer.text, 'refused: not-permitted');
    assert.ok(!answer.text.includes(SECRET));
    await assertStillServes(connection, SERVLET);
  });

  test('absolute host path', async () => {
    const answer = await callTool(connection, SERVLET, 'read', { path: join(base, 'outside', 'secret.txt') });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /^\[not-permitted\] cannot read \/.*: it is not in a directory granted to this servlet \(granted: \/data\)$/);
    await assertStillServes(connection, SERVLET);
  });

  test('absolute path through raw wasi:filesystem', async () => {
    const answer = await callTool(connection, SERVLET, 'raw_read', { path: join(base, 'outside', 'secret.txt') });
    assert.equal(answer.text, 'refused: not-permitted');
    assertDenied(home, SERVLET, 'filesystem', /absolute paths are not accepted/);
    await assertStillServes(connection, SERVLET);
  });

  test('reading /proc/self/environ', async () => {
    const sdk = await callTool(connection, SERVLET, 'read', { path: '/proc/self/environ' });
    assert.equal(sdk.text, '[not-permitted] cannot read /proc/self/environ: it is not in a directory granted to this servlet (granted: /data)');
    assert.equal((await callTool(connection, SERVLET, 'raw_read', { path: '/proc/self/environ' })).text, 'refused: not-permitted');
    assert.equal((await callTool(connection, SERVLET, 'raw_read', { path: '../../../../../../../../proc/self/environ' })).text, 'refused: not-permitted');
    await assertStillServes(connection, SERVLET);
  });

  test('a FIFO in the mount', async () => {
    const answer = await callTool(connection, SERVLET, 'read', { path: '/data/pipe' });
    assert.equal(answer.isError, true);
    assert.match(answer.text, /^\[not-permitted\] cannot read \/data\/pipe/);
    assertDenied(home, SERVLET, 'filesystem', /pipe: it is not a regular file or a directory/);
    await assertStillServes(connection, SERVLET);
  });

  test('a mount requested but not granted', async () => {
    assert.equal((await callTool(connection, SERVLET, 'mounts')).text, '["/data"]', 'only the granted mount is preopened');
    const answer = await callTool(connection, SERVLET, 'read', { path: '/extra/anything.txt' });
    assert.equal(answer.text, '[not-permitted] cannot read /extra/anything.txt: it is not in a directory granted to this servlet (granted: /data)');
    await assertStillServes(connection, SERVLET);
  });
});
