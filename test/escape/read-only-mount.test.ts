/**
 * Escape suite, read-only mounts: a guest granted /docs read-only tries every way of changing it
 * — write, create, truncate on open, set-size, rename in and out, remove, mkdir, a raw open for
 * writing. Each is refused with `read-only`, audited, the host file is unchanged, and the host
 * serves the next call.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { assertStillServes, buildGuests, callTool, denials, install, newHome, scratchDir, serve } from './support.js';

const SERVLET = 'read-only-write';
const GUIDE = '# Guide\nkeep me\n';

describe('read-only mount', () => {
  let home: string;
  let docs: string;
  let connection: Connection;

  before(async () => {
    const { [SERVLET]: file } = await buildGuests([SERVLET]);
    docs = scratchDir('docs');
    writeFileSync(join(docs, 'guide.md'), GUIDE);
    home = newHome();
    install(home, file, '--yes', '--mount', `${docs}:/docs:ro`);
    connection = await serve(home);
    assert.equal((await callTool(connection, SERVLET, 'read', { path: '/docs/guide.md' })).text, GUIDE, 'reading is granted');
  });

  after(() => connection?.transport.close());

  /**
   * Runs one attempt, which must be refused with `expected`; the mount is unchanged afterwards, and
   * the attempt added one `denied` line to the audit log (unless `audited` is false: a descriptor
   * opened for reading has no write access to refuse, so no grant is consulted).
   */
  async function refusedReadOnly(tool: string, args: object, expected: RegExp, audited = true): Promise<void> {
    const before = denials(home, SERVLET).length;
    const answer = await callTool(connection, SERVLET, tool, args);
    assert.match(answer.text, expected);
    assert.equal(readFileSync(join(docs, 'guide.md'), 'utf8'), GUIDE, 'the file is unchanged');
    assert.deepEqual(readdirSync(docs), ['guide.md'], 'nothing was created, moved or removed');
    const added = denials(home, SERVLET).slice(before);
    if (audited) {
      assert.equal(added.length, 1, JSON.stringify(added));
      assert.match(added[0]!.detail ?? '', /\/docs was granted read-only/);
      assert.equal(added[0]!.capability, 'filesystem');
    }
    await assertStillServes(connection, SERVLET);
  }

  const sdkRefusal = (verb: string) => new RegExp(`^\\[read-only\\] cannot ${verb} .*/docs is read-only: it was granted read-only$`);

  test('writing in a read-only mount', () => refusedReadOnly('write', { path: '/docs/guide.md', text: 'defaced' }, sdkRefusal('write')));

  test('creating a file in a read-only mount', () => refusedReadOnly('write', { path: '/docs/new.md', text: 'x' }, sdkRefusal('write')));

  test('writing through a raw descriptor opened for writing', () => refusedReadOnly('raw_write', { name: 'guide.md' }, /^refused: read-only$/));

  test('truncating on open in a read-only mount', () => refusedReadOnly('truncate_on_open', { name: 'guide.md' }, /^refused: read-only$/));

  test('truncating with set-size on a descriptor opened for reading', () => refusedReadOnly('set_size', { name: 'guide.md' }, /^refused: bad-descriptor$/, false));

  test('renaming in a read-only mount', () => refusedReadOnly('rename', { from: '/docs/guide.md', to: '/docs/moved.md' }, sdkRefusal('rename')));

  test('removing a file from a read-only mount', () => refusedReadOnly('remove', { path: '/docs/guide.md' }, sdkRefusal('remove')));

  test('creating a directory in a read-only mount', async () => {
    await refusedReadOnly('mkdir', { path: '/docs/sub' }, sdkRefusal('create'));
    assert.ok(!existsSync(join(docs, 'sub')));
  });
});
