import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { resolveHome } from './home.js';
import { SecretStore } from './secret-store.js';

function setup() {
  const home = resolveHome({ MCP_WASM_HOME: mkdtempSync(join(tmpdir(), 'mcp-wasm-secrets-')) });
  return { home, store: new SecretStore(home) };
}

type Entry = { servlet: string; key: string; iv: string; tag: string; data: string };
const entriesOf = (path: string): Entry[] => JSON.parse(readFileSync(path, 'utf8')).entries;

test('secrets round-trip, encrypted at rest, files readable by the user only', async () => {
  const { home, store } = setup();
  await store.setSecret('weather', 'api_key', 'sk-live-0123456789');
  await store.setSecret('weather', 'other', 'second value');
  await store.setSecret('weather', 'api_key', 'sk-live-replaced');
  assert.deepEqual(store.readSecrets('weather', ['api_key', 'other', 'unset']), new Map([
    ['api_key', 'sk-live-replaced'],
    ['other', 'second value'],
  ]));
  assert.deepEqual(store.readSecrets('weather', ['other']), new Map([['other', 'second value']]), 'only the keys asked for');
  const raw = readFileSync(home.secrets, 'utf8');
  assert.ok(!raw.includes('sk-live') && !raw.includes('second value'), 'no plaintext in the secrets file');
  assert.equal(statSync(home.secrets).mode & 0o777, 0o600);
  assert.equal(statSync(home.secretsKey).mode & 0o777, 0o600);
  assert.equal(readFileSync(home.secretsKey).length, 32);
  assert.deepEqual(await store.listSecretKeys('weather'), ['api_key', 'other']);
});

test('every value has its own IV', async () => {
  const { home, store } = setup();
  await store.setSecret('a', 'k1', 'same value');
  await store.setSecret('a', 'k2', 'same value');
  const [one, two] = entriesOf(home.secrets);
  assert.notEqual(one!.iv, two!.iv);
  assert.notEqual(one!.data, two!.data);
});

test('a servlet reads only its own secrets', async () => {
  const { store } = setup();
  await store.setSecret('one', 'token', 'one-token-value');
  assert.deepEqual(store.readSecrets('two', ['token']), new Map());
  assert.deepEqual(await store.listSecretKeys('two'), []);
});

test('a ciphertext moved to another servlet or key does not decrypt', async () => {
  for (const move of [{ servlet: 'thief' }, { key: 'other_key' }]) {
    const { home, store } = setup();
    await store.setSecret('owner', 'token', 'owner-token-value');
    const [entry] = entriesOf(home.secrets);
    writeFileSync(home.secrets, JSON.stringify({ version: 1, entries: [{ ...entry, ...move }] }));
    const servlet = move.servlet ?? 'owner';
    const key = move.key ?? 'token';
    assert.throws(
      () => store.readSecrets(servlet, [key]),
      (error: Error) => /cannot be decrypted/.test(error.message) && !error.message.includes('owner-token-value'),
    );
  }
});

test('a tampered ciphertext, tag or IV does not decrypt', async () => {
  for (const field of ['data', 'tag', 'iv'] as const) {
    const { home, store } = setup();
    await store.setSecret('owner', 'token', 'owner-token-value');
    const [entry] = entriesOf(home.secrets);
    const raw = Buffer.from(entry![field], 'base64');
    raw[0] = raw[0]! ^ 1;
    writeFileSync(home.secrets, JSON.stringify({ version: 1, entries: [{ ...entry, [field]: raw.toString('base64') }] }));
    assert.throws(() => store.readSecrets('owner', ['token']), /cannot be decrypted/, field);
  }
});

test('a replaced key file does not decrypt the old secrets', async () => {
  const { home, store } = setup();
  await store.setSecret('owner', 'token', 'owner-token-value');
  writeFileSync(home.secretsKey, Buffer.alloc(32, 7));
  assert.throws(() => store.readSecrets('owner', ['token']), /cannot be decrypted/);
});

test('a key file others can read is refused, with the chmod to run', async () => {
  const { home, store } = setup();
  await store.setSecret('owner', 'token', 'owner-token-value');
  chmodSync(home.secretsKey, 0o644);
  assert.throws(() => store.readSecrets('owner', ['token']), /chmod 600/);
  await assert.rejects(store.setSecret('owner', 'token', 'new-value'), /chmod 600/);
  chmodSync(home.secretsKey, 0o600);
  assert.equal(store.readSecrets('owner', ['token']).get('token'), 'owner-token-value');
});

test('remove one secret, or every secret of a servlet', async () => {
  const { store } = setup();
  await store.setSecret('a', 'k1', 'value-one');
  await store.setSecret('a', 'k2', 'value-two');
  await store.setSecret('b', 'k1', 'value-b');
  assert.equal(await store.removeSecret('a', 'k1'), true);
  assert.equal(await store.removeSecret('a', 'k1'), false);
  assert.deepEqual(await store.listSecretKeys('a'), ['k2']);
  assert.equal(await store.removeServletSecrets('a'), 1);
  assert.deepEqual(await store.listSecretKeys('a'), []);
  assert.deepEqual(store.readSecrets('b', ['k1']), new Map([['k1', 'value-b']]));
});

test('no secrets set: nothing to read, and no key file is made', () => {
  const { home, store } = setup();
  assert.deepEqual(store.readSecrets('a', ['k']), new Map());
  assert.throws(() => statSync(home.secretsKey), /ENOENT/);
});
