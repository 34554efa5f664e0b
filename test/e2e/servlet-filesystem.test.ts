/**
 * The filesystem servlet beyond parity (test/e2e/parity-filesystem.test.ts compares it with
 * server-filesystem): a directory granted read-only refuses every change with a clear message and
 * stays untouched; symbolic links never lead out of the granted directory; without a mount nothing
 * is reachable; a mount the manifest does not request is refused at install; large files are read
 * by their head and tail without reading them whole. Real CLI, real `mcp-wasm serve`, real files.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { compareNames } from '../../servlets/filesystem/src/collate.js';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

const connections: Connection[] = [];

/** Installs the servlet with `flags` in a fresh home and connects a client to `mcp-wasm serve`. */
async function serve(...flags: string[]): Promise<Connection> {
  const home = temporaryHome();
  const installed = runCli(['install', await builtServlet('filesystem'), '--yes', ...flags], { home });
  assert.equal(installed.status, 0, installed.stderr);
  const connection = await connect(['serve'], home);
  connections.push(connection);
  return connection;
}

/** Calls a tool: its first text, and whether it failed. */
async function call(connection: Connection, tool: string, args: object): Promise<{ text: string; isError: boolean }> {
  const result = await connection.client.callTool({ name: `filesystem__${tool}`, arguments: args as Record<string, unknown> });
  return { text: (result.content as { text?: string }[])[0]?.text ?? '', isError: Boolean(result.isError) };
}

function directory(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wasm-fs-servlet-'));
  writeFileSync(join(dir, 'note.txt'), 'kept safe\n');
  mkdirSync(join(dir, 'sub'));
  return dir;
}

after(async () => {
  for (const connection of connections) await connection.client.close();
});

describe('a directory granted read-only', () => {
  let dir: string;
  let ro: Connection;
  before(async () => {
    dir = directory();
    ro = await serve('--mount', `${dir}:/data:ro`);
  });

  test('reads, lists, searches and previews edits', async () => {
    assert.deepEqual(await call(ro, 'read_text_file', { path: '/data/note.txt' }), { text: 'kept safe\n', isError: false });
    assert.equal((await call(ro, 'search_files', { path: '/data', pattern: '*.txt' })).text, '/data/note.txt');
    const preview = await call(ro, 'edit_file', { path: '/data/note.txt', edits: [{ oldText: 'kept', newText: 'changed' }], dryRun: true });
    assert.equal(preview.isError, false, preview.text);
    assert.match(preview.text, /-kept safe\n\+changed safe/);
  });

  test('refuses every change, says why, and leaves the files alone', async () => {
    const refusal = /^Access denied - \/data was granted read-only, so \/data\/\S+ cannot be changed \(grant it read-write to allow writing\)$/;
    const attempts: [string, object][] = [
      ['write_file', { path: '/data/note.txt', content: 'overwritten' }],
      ['write_file', { path: '/data/new.txt', content: 'new' }],
      ['edit_file', { path: '/data/note.txt', edits: [{ oldText: 'kept', newText: 'changed' }] }],
      ['create_directory', { path: '/data/made' }],
      ['move_file', { source: '/data/note.txt', destination: '/data/moved.txt' }],
    ];
    for (const [tool, args] of attempts) {
      const result = await call(ro, tool, args);
      assert.equal(result.isError, true, `${tool}: ${result.text}`);
      assert.match(result.text, refusal, tool);
    }
    assert.equal(readFileSync(join(dir, 'note.txt'), 'utf8'), 'kept safe\n');
    assert.equal((await call(ro, 'list_directory', { path: '/data' })).text, '[FILE] note.txt\n[DIR] sub');
  });

  test('is shown as read-only to the model', async () => {
    assert.equal((await call(ro, 'list_allowed_directories', {})).text, 'Allowed directories:\n/data (read-only)');
    assert.match((await call(ro, 'get_file_info', { path: '/data/note.txt' })).text, /\npermissions: read-only$/);
  });
});

describe('confinement', () => {
  let dir: string;
  let outside: string;
  let rw: Connection;
  before(async () => {
    dir = directory();
    outside = mkdtempSync(join(tmpdir(), 'mcp-wasm-fs-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'link.txt'));
    symlinkSync(outside, join(dir, 'linked-dir'));
    rw = await serve('--mount', `${dir}:/data`);
  });

  test('a symbolic link is never followed, not even to read through it', async () => {
    for (const path of ['/data/link.txt', '/data/linked-dir/secret.txt']) {
      const result = await call(rw, 'read_text_file', { path });
      assert.equal(result.isError, true, result.text);
      assert.match(result.text, /may not follow or create symbolic links/);
      assert.doesNotMatch(result.text, /TOP SECRET/);
    }
    assert.equal((await call(rw, 'list_directory', { path: '/data/linked-dir' })).isError, true);
    const found = await call(rw, 'search_files', { path: '/data', pattern: '**/secret*' });
    assert.equal(found.text, 'No matches found');
    const written = await call(rw, 'write_file', { path: '/data/link.txt', content: 'through the link' });
    assert.equal(written.isError, true, written.text);
    assert.equal(readFileSync(join(outside, 'secret.txt'), 'utf8'), 'TOP SECRET');
  });

  test('paths outside /data are refused before any file operation', async () => {
    for (const path of ['/etc/passwd', '/data/../etc/passwd', '../../etc/passwd', outside]) {
      const result = await call(rw, 'read_text_file', { path });
      assert.equal(result.isError, true);
      assert.match(result.text, /^Access denied - path outside allowed directories: \S+ not in \/data$/);
    }
  });

  test('large files: head and tail read only what they need; a whole file up to 4 MiB, a larger one refused with advice', async () => {
    const line = (n: number) => `line ${n} ${'.'.repeat(90)}`;
    const text = (count: number) => `${Array.from({ length: count }, (_, i) => line(i + 1)).join('\n')}\n`;
    writeFileSync(join(dir, 'big.log'), text(60_000));
    assert.equal((await call(rw, 'read_text_file', { path: '/data/big.log', head: 2 })).text, `${line(1)}\n${line(2)}`);
    assert.equal((await call(rw, 'read_text_file', { path: '/data/big.log', tail: 3 })).text, `${line(59_999)}\n${line(60_000)}\n`);
    const refused = await call(rw, 'read_text_file', { path: '/data/big.log' });
    assert.equal(refused.isError, true);
    assert.equal(refused.text, 'File too large to return whole: /data/big.log is 5.83 MB, more than 4.00 MB; read it in parts with head or tail');
    // 3 MB, carried twice (text and structured content): more than the default 4 MiB result limit.
    writeFileSync(join(dir, 'medium.log'), text(30_000));
    const whole = await call(rw, 'read_text_file', { path: '/data/medium.log' });
    assert.equal(whole.isError, false, whole.text.slice(0, 200));
    assert.equal(whole.text, text(30_000));
  });
});

describe('grants', () => {
  test('without a mount, nothing is reachable and the message says what to grant', async () => {
    const none = await serve();
    assert.equal((await call(none, 'list_allowed_directories', {})).text, 'Allowed directories:\n');
    const result = await call(none, 'list_directory', { path: '/data' });
    assert.equal(result.isError, true);
    assert.equal(result.text, 'Access denied - path outside allowed directories: /data: no directory is granted (grant one with --mount DIR:/data, at install or with mcp-wasm grant)');
  });

  test('a mount at a guest path the manifest does not request is refused at install', async () => {
    const home = temporaryHome();
    const result = runCli(['install', await builtServlet('filesystem'), '--yes', '--mount', `${directory()}:/other`], { home });
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, /\/other/);
  });
});

describe('name order of list_directory_with_sizes', () => {
  test('matches Node localeCompare (the guest has no ICU)', () => {
    const alphabet = "\t _-.,;:!?'\"()[]{}@*/\\&#%`^+<=>|~$0123456789aAbBzZ";
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let round = 0; round < 20_000; round++) {
      const [a, b] = [word(), word()];
      assert.equal(Math.sign(compareNames(a, b)), Math.sign(a.localeCompare(b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
    const names = ['Zeta.txt', '_under.txt', 'a.txt', 'B.md', 'b.md', 'é.txt', 'e.txt', 'E.txt', 'ä', 'A', 'a b', 'a10', 'a2', 'aB', 'Ab', 'node_modules', 'README.md'];
    assert.deepEqual([...names].sort(compareNames), [...names].sort((a, b) => a.localeCompare(b)));
  });
});
