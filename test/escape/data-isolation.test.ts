/**
 * Escape suite, data of other servlets: copies of one guest installed under two names look for
 * each other's storage and secrets; a guest leaks its own secret in results, errors and logs; a
 * ciphertext is moved from one servlet to another in the secrets file. Nothing crosses, every
 * refusal is specific, and the host serves the next call.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { assertCliStillServes, assertDenied, assertStillServes, buildGuests, callCli, callTool, install, newHome, serve, setSecret } from './support.js';

const TOKEN = 'tok-Escape-5ecret-0451';

describe('storage of another servlet', () => {
  let home: string;
  let connection: Connection;

  before(async () => {
    const { 'storage-snoop': file } = await buildGuests(['storage-snoop']);
    home = newHome();
    install(home, file, '--name', 'alpha', '--yes');
    install(home, file, '--name', 'beta', '--yes');
    connection = await serve(home);
    assert.equal((await callTool(connection, 'alpha', 'store', { key: 'diary', value: 'alpha private' })).text, '{"ok":null}');
    assert.equal((await callTool(connection, 'alpha', 'snoop', { key: 'diary' })).text, '{"ok":{"value":"alpha private","keys":["diary"]}}');
  });

  after(() => connection?.transport.close());

  test('reading another servlet’s storage', async () => {
    assert.equal((await callTool(connection, 'beta', 'snoop', { key: 'diary' })).text, '{"ok":{"value":null,"keys":[]}}');
    await assertStillServes(connection, 'beta');
  });

  test('reaching another servlet’s storage through bucket names', async () => {
    for (const bucket of ['alpha', '../alpha', '../../alpha/default', 'alpha/default', '__proto__', '']) {
      const answer = JSON.parse((await callTool(connection, 'beta', 'snoop', { key: 'diary', bucket })).text) as { ok?: { value: unknown; keys: string[] }; error?: unknown };
      assert.ok(answer.ok ? answer.ok.value === null && answer.ok.keys.length === 0 : answer.error, `bucket ${JSON.stringify(bucket)}: ${JSON.stringify(answer)}`);
    }
    await assertStillServes(connection, 'beta');
  });

  test('a storage flood beyond the quota', async () => {
    const answer = JSON.parse((await callTool(connection, 'beta', 'store', { key: 'flood', value: 'x'.repeat(10_000) })).text) as { error?: { code: string; message: string } };
    assert.equal(answer.error?.code, 'other', JSON.stringify(answer));
    assert.match(answer.error!.message, /storage quota exceeded: this write would bring the servlet's storage to \d+ bytes, over its quota of 4096 bytes/);
    assertDenied(home, 'beta', 'storage', /would exceed the storage quota of 4096 bytes/);
    await assertStillServes(connection, 'beta');
  });
});

describe('secrets of another servlet', () => {
  let home: string;

  before(async () => {
    const { 'secret-snoop': file } = await buildGuests(['secret-snoop']);
    home = newHome();
    install(home, file, '--name', 'alpha', '--yes');
    install(home, file, '--name', 'beta', '--yes', '--deny', 'secret:admin_token');
    setSecret(home, 'alpha', 'api_token', TOKEN);
    setSecret(home, 'alpha', 'admin_token', `${TOKEN}-admin`);
    assert.deepEqual(JSON.parse(callCli(home, 'alpha', 'snoop', { key: 'api_token', guess: TOKEN }).stdout), { present: true, matches: true, readable: ['admin_token', 'api_token'] });
  });

  test('reading another servlet’s secrets', () => {
    const answer = callCli(home, 'beta', 'snoop', { key: 'api_token', guess: TOKEN });
    assert.deepEqual(JSON.parse(answer.stdout), { present: false, matches: false, readable: [] }, answer.stderr);
    assertCliStillServes(home, 'beta');
  });

  test('reading a secret requested but not granted', () => {
    setSecret(home, 'beta', 'admin_token', `${TOKEN}-beta`);
    const answer = callCli(home, 'beta', 'snoop', { key: 'admin_token', guess: `${TOKEN}-beta` });
    assert.deepEqual(JSON.parse(answer.stdout), { present: false, matches: false, readable: [] }, answer.stderr);
    assertDenied(home, 'beta', 'secrets', /^secret "admin_token", which is not granted$/);
    assertCliStillServes(home, 'beta');
  });

  test('a ciphertext moved between servlets', () => {
    const path = join(home, 'secrets.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { entries: { servlet: string; key: string }[] };
    const stolen = file.entries.find((entry) => entry.servlet === 'alpha' && entry.key === 'api_token')!;
    file.entries = [...file.entries.filter((entry) => !(entry.servlet === 'beta' && entry.key === 'api_token')), { ...stolen, servlet: 'beta' }];
    writeFileSync(path, JSON.stringify(file));
    const answer = callCli(home, 'beta', 'snoop', { key: 'api_token', guess: TOKEN });
    assert.notEqual(answer.status, 0);
    assert.ok(!answer.stdout.includes('"matches":true'), 'the moved value never reached beta');
    assert.match(answer.stdout + answer.stderr, /secret api_token of beta cannot be decrypted: .* was altered or .* replaced; set it again with `mcp-wasm secret set beta api_token`/);
    assert.ok(!(answer.stdout + answer.stderr).includes(TOKEN));
    assertCliStillServes(home, 'alpha');
  });
});

describe('leaking a secret', () => {
  let home: string;
  let connection: Connection;

  before(async () => {
    const { 'secret-leak': file } = await buildGuests(['secret-leak']);
    home = newHome();
    install(home, file, '--yes');
    setSecret(home, 'secret-leak', 'api_token', TOKEN);
    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  test('leaking a secret in a tool result', async () => {
    const answer = await callTool(connection, 'secret-leak', 'leak_text');
    assert.equal(answer.text, 'the token is [redacted secret api_token]!');
    await assertStillServes(connection, 'secret-leak');
  });

  test('leaking a secret in structured content', async () => {
    const answer = await callTool(connection, 'secret-leak', 'leak_structured');
    assert.ok(!JSON.stringify(answer).includes(TOKEN), JSON.stringify(answer));
    assert.deepEqual(answer.structured, { token: '[redacted secret api_token]' });
    await assertStillServes(connection, 'secret-leak');
  });

  test('leaking a secret in an error message', async () => {
    const answer = await callTool(connection, 'secret-leak', 'leak_error');
    assert.equal(answer.isError, true);
    assert.match(answer.text, /cannot authenticate with \[redacted secret api_token\]/);
    assert.ok(!answer.text.includes(TOKEN));
    await assertStillServes(connection, 'secret-leak');
  });

  test('leaking a secret in a log line', async () => {
    connection.logs.length = 0;
    assert.equal((await callTool(connection, 'secret-leak', 'leak_log')).text, 'logged');
    const logged = JSON.stringify(connection.logs);
    assert.match(logged, /debug: token=\[redacted secret api_token\]/);
    assert.ok(!logged.includes(TOKEN));
    for (const file of ['audit.jsonl', 'state.json', 'secrets.json']) {
      assert.ok(!readFileSync(join(home, file), 'utf8').includes(TOKEN), `the secret is not in ${file}`);
    }
    await assertStillServes(connection, 'secret-leak');
  });
});
