/**
 * Escape suite, a mount that covers the mcp-wasm home (`home-mount`): through it a servlet would
 * read every servlet's secrets with their key, grant itself more in state.json, and plant code in
 * the transpile cache that the host imports at the next start. The home here is laid out as the
 * quick start's (`.mcp-wasm-home` inside a clone), so a mount of the clone contains it. Such a
 * mount is refused at install, grant, run and call, also named through a symbolic link (real
 * paths are compared) and with the home itself named through one; and when a hand-edited state
 * file grants it anyway, `call` refuses and `serve` leaves the mount out. The guest is first shown
 * to do all of it on a decoy with the home's layout, so the refusals are what stops it.
 */
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { builtServlet } from '../support/servlets.js';
import type { Connection } from '../support/mcp-client.js';
import { assertDenied, assertStillServes, buildGuests, callCli, callTool, cli, editMounts, install, recordedMount, scratchDir, serve, setSecret, stderrMatching } from './support.js';

/** What the guest's `raid` reports. */
type Raid = Record<string, string>;

describe('home-mount: a mount of, inside or around the mcp-wasm home', () => {
  const clone = scratchDir('clone');
  const home = join(clone, '.mcp-wasm-home');
  const notes = join(clone, 'notes');
  let guest: string;
  let connection: Connection | undefined;
  /** The home's files that matter, as they were before the attacks. */
  let before_: Record<string, string>;

  const snapshot = () =>
    Object.fromEntries(['state.json', 'secrets.key', 'secrets.json'].map((name) => [name, existsSync(join(home, name)) ? readFileSync(join(home, name), 'utf8') : 'absent']));

  /** Asserts that `args` fail with a refusal of the mount naming the home, and change nothing. */
  function assertRefused(args: string[], detail: RegExp, homeDir = home): void {
    const result = cli(homeDir, args);
    assert.equal(result.status, 1, `${args.join(' ')} was not refused: ${result.stdout}`);
    assert.match(result.stderr, /^mcp-wasm: cannot mount /);
    assert.match(result.stderr, detail);
    assert.match(result.stderr, /Mount a directory of your own files that neither contains nor lies inside the mcp-wasm home/, 'it says what to do instead');
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    assert.deepEqual(snapshot(), before_, 'nothing of the home changed');
  }

  before(async () => {
    guest = (await buildGuests(['home-mount']))['home-mount'];
    mkdirSync(notes);
    mkdirSync(home);
    install(home, guest, '--yes', '--mount', `${notes}:/data`);
    // A servlet with a secret, so the home holds secrets, their key, and transpiled code.
    install(home, await builtServlet('consent-probe'), '--yes');
    setSecret(home, 'consent-probe', 'api_token', 'sk-live-0123456789abcdef');
    assert.equal(callCli(home, 'home-mount', 'ping').stdout.trim(), 'pong');
    assert.ok(readdirSync(join(home, 'cache', 'transpiled')).length > 0, 'the cache holds transpiled code');
    before_ = snapshot();
  });

  after(() => connection?.transport.close());

  test('the guest does it all on a decoy with the layout of a home (the refusals below are what stops it)', () => {
    const decoy = scratchDir('decoy');
    cpSync(home, decoy, { recursive: true });
    const result = cli(home, ['call', guest, 'raid', JSON.stringify({ home: '/data' }), '--mount', `${decoy}:/data`]);
    assert.equal(result.status, 0, result.stderr);
    const raid = JSON.parse(result.stdout) as Raid;
    for (const what of ['read secrets.key', 'read secrets.json', 'read state.json', 'write state.json', 'plant code']) assert.match(raid[what]!, /^ok /, `${what}: ${raid[what]}`);
    assert.ok(existsSync(join(decoy, 'cache', 'transpiled', 'planted.js')));
    assert.deepEqual(snapshot(), before_);
  });

  test('install refuses the home, a directory inside it, and one containing it (the clone of the quick start)', () => {
    assertRefused(['install', guest, '--name', 'again', '--mount', `${home}:/data`], /: it is the mcp-wasm home \(MCP_WASM_HOME\)/);
    assertRefused(['install', guest, '--name', 'again', '--mount', `${join(home, 'cache')}:/data`], /: it lies inside the mcp-wasm home/);
    assertRefused(['install', guest, '--name', 'again', '--mount', `${clone}:/data:ro`], new RegExp(`cannot mount ${clone} at /data: it contains the mcp-wasm home`));
    assertRefused(['install', guest, '--name', 'again', '--mount', '/:/data:ro'], /: it contains the mcp-wasm home/);
  });

  test('real paths are compared: the mount, or the home itself, named through a symbolic link', () => {
    const link = join(scratchDir('link'), 'clone-link');
    symlinkSync(clone, link);
    assertRefused(['install', guest, '--name', 'again', '--mount', `${link}:/data`], new RegExp(`cannot mount ${clone} at /data: it contains the mcp-wasm home`));
    const homeLink = join(scratchDir('home-link'), 'home');
    symlinkSync(home, homeLink);
    assertRefused(['install', guest, '--name', 'again', '--mount', `${clone}:/data`], /it contains the mcp-wasm home/, homeLink);
  });

  test('the kernel pseudo file systems are refused too (/proc/<pid>/mem is the host process itself)', () => {
    for (const dir of ['/proc', '/proc/self', '/sys', '/dev']) {
      const result = cli(home, ['install', guest, '--name', 'again', '--mount', `${dir}:/data:ro`]);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /it lies in \/(proc|sys|dev), where the kernel shows the host's own processes and devices as files/);
    }
  });

  test('grant, run and call refuse it before anything runs', () => {
    assertRefused(['grant', 'home-mount', '--mount', `${clone}:/data`], /it contains the mcp-wasm home/);
    assertRefused(['run', guest, '--mount', `${clone}:/data`], /it contains the mcp-wasm home/);
    assertRefused(['call', guest, 'raid', JSON.stringify({ home: '/data/.mcp-wasm-home' }), '--mount', `${clone}:/data`], /it contains the mcp-wasm home/);
    assert.ok(!existsSync(join(home, 'cache', 'transpiled', 'planted.js')));
  });

  test('a state file edited by hand: call refuses with what to do, serve leaves the mount out', async () => {
    editMounts(home, 'home-mount', [recordedMount(clone, '/data')]);
    before_ = snapshot();
    const called = callCli(home, 'home-mount', 'raid', { home: '/data/.mcp-wasm-home' });
    assert.equal(called.status, 1);
    assert.match(called.stderr, /cannot mount .* at \/data: it contains the mcp-wasm home .*Or take the mount away with `mcp-wasm revoke home-mount mount:\/data`/);

    connection = await serve(home);
    const raid = JSON.parse((await callTool(connection, 'home-mount', 'raid', { home: '/data/.mcp-wasm-home' })).text) as Raid;
    assert.equal(raid.mounts, 'none', 'the mount is left out');
    for (const [what, outcome] of Object.entries(raid)) if (what !== 'mounts') assert.equal(outcome, '[not-permitted]', what);
    assertDenied(home, 'home-mount', 'filesystem', /cannot mount .* at \/data: it contains the mcp-wasm home/);
    await stderrMatching(connection, /warning: servlet "home-mount": cannot mount .* it contains the mcp-wasm home/);
    assert.deepEqual(snapshot(), before_, 'secrets, key and grants untouched');
    assert.ok(!existsSync(join(home, 'cache', 'transpiled', 'planted.js')), 'no code planted');
    await assertStillServes(connection, 'home-mount');
  });

  test("a state file naming the home through a link, with the home's identity: the link is met, never followed", () => {
    const link = join(scratchDir('state-link'), 'innocent');
    symlinkSync(home, link);
    editMounts(home, 'home-mount', [{ ...recordedMount(home, '/data'), host: link }]);
    before_ = snapshot();
    const called = callCli(home, 'home-mount', 'raid', { home: '/data' });
    assert.equal(called.status, 0, called.stderr);
    const raid = JSON.parse(called.stdout) as Raid;
    for (const [what, outcome] of Object.entries(raid)) if (what !== 'mounts') assert.equal(outcome, '[not-permitted]', what);
    assertDenied(home, 'home-mount', 'filesystem', /a symbolic link is on the way/);
    assert.deepEqual(snapshot(), before_);
  });

  test('a mount recorded without its identity (by an older version, or by hand) is not used', () => {
    const legacy = recordedMount(notes, '/data');
    delete legacy.identity;
    editMounts(home, 'home-mount', [legacy]);
    writeFileSync(join(notes, 'note.txt'), 'note');
    const called = callCli(home, 'home-mount', 'raid', { home: '/data' });
    assert.equal(called.status, 1);
    assert.match(called.stderr, /the mount of .*notes at \/data was recorded without the identity of its directory .*: grant it again with `mcp-wasm grant home-mount --mount .*notes:\/data`/);
    assert.equal(cli(home, ['grant', 'home-mount', '--mount', `${notes}:/data`]).status, 0);
    assert.equal(callCli(home, 'home-mount', 'ping').status, 0);
  });
});
