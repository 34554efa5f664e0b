import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveHome } from './home.js';
import { createKvBackend, kvBackends, removeStorage, storageFile } from './kv-backend.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (value: Uint8Array | undefined) => value && new TextDecoder().decode(value);

function home() {
  return resolveHome({ MCP_WASM_HOME: mkdtempSync(join(tmpdir(), 'mcp-wasm-kv-')) });
}

test('storage persists across backend instances, in a file only the user can read', () => {
  const paths = home();
  const first = createKvBackend(paths, 'notes');
  first.persist('default', 'greeting', bytes('hello'));
  first.persist('other', '__proto__', bytes('odd key'));
  first.persist('other', 'binary', new Uint8Array([0, 255, 1]));
  const second = createKvBackend(paths, 'notes');
  assert.equal(text(second.load('default').get('greeting')), 'hello');
  assert.equal(text(second.load('other').get('__proto__')), 'odd key');
  assert.deepEqual(second.load('other').get('binary'), new Uint8Array([0, 255, 1]));
  assert.equal(second.usedBytes(), 'greeting'.length + 5 + '__proto__'.length + 7 + 'binary'.length + 3);
  assert.equal(statSync(storageFile(paths, 'notes')).mode & 0o777, 0o600);
  assert.equal(statSync(paths.storage).mode & 0o077, 0);
  assert.deepEqual(readdirSync(paths.storage), ['notes.json'], 'no temporary file is left behind');
});

test('a backend sees what another instance wrote since', () => {
  const paths = home();
  const reader = createKvBackend(paths, 'notes');
  assert.equal(reader.load('b').size, 0);
  createKvBackend(paths, 'notes').persist('b', 'k', bytes('v'));
  assert.equal(text(reader.load('b').get('k')), 'v');
  assert.equal(reader.usedBytes(), 2);
});

test('deleting the last key removes the bucket; deleting a missing key writes nothing', () => {
  const paths = home();
  const backend = createKvBackend(paths, 'notes');
  backend.persist('b', 'missing', undefined);
  assert.deepEqual(readdirSync(paths.root).includes('storage'), false);
  backend.persist('b', 'k', bytes('v'));
  backend.persist('b', 'k', undefined);
  assert.equal(createKvBackend(paths, 'notes').load('b').size, 0);
  assert.equal(backend.usedBytes(), 0);
});

test('servlets have separate namespaces; removeStorage removes one', async () => {
  const paths = home();
  const backends = kvBackends(paths);
  assert.equal(backends('one'), backends('one'), 'one backend per servlet');
  backends('one').persist('default', 'k', bytes('1'));
  assert.equal(backends('two').load('default').size, 0);
  await removeStorage(paths, 'one');
  await removeStorage(paths, 'one');
  assert.equal(createKvBackend(paths, 'one').load('default').size, 0);
});

test('a name that is not a servlet name cannot pick a file', () => {
  for (const name of ['../evil', 'a/b', '', 'UPPER', '.hidden']) {
    assert.throws(() => createKvBackend(home(), name), /not a servlet name/);
  }
});

test('a damaged storage file is reported, not silently emptied', () => {
  const paths = home();
  createKvBackend(paths, 'notes').persist('b', 'k', bytes('v'));
  writeFileSync(storageFile(paths, 'notes'), '{ torn');
  assert.throws(() => createKvBackend(paths, 'notes').load('b'), /not valid JSON/);
});
