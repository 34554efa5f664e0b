/**
 * `mcp-wasm secret set|rm|list` and `mcp-wasm configure` through the real CLI, on a home whose state
 * records an installed config-probe (written directly, as install would).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { noGrants, parseManifest } from '@mcp-wasm/host';
import { readState, resolveHome, SecretStore, writeState } from '@mcp-wasm/node';
import { CLI, runCli, temporaryHome } from '../support/cli.js';
import { SERVLET_DIRS } from '../support/servlets.js';

const manifest = parseManifest(readFileSync(join(SERVLET_DIRS['config-probe']!, 'servlet.json'), 'utf8'), 'config-probe');

/** A home in which `probe` (config-probe's manifest) is installed with greeting, api_token and storage granted. */
async function homeWithProbe(): Promise<string> {
  const root = temporaryHome();
  await writeState(resolveHome({ MCP_WASM_HOME: root }), {
    version: 2,
    servlets: {
      probe: {
        name: 'probe',
        file: 'servlets/probe.wasm',
        digest: '0'.repeat(64),
        source: 'test',
        installedAt: new Date().toISOString(),
        manifest,
        manifestSource: 'embedded',
        grants: { ...noGrants(), config: ['greeting'], secrets: ['api_token'], storage: true },
        config: {},
        pins: {},
      },
    },
  });
  return root;
}

function secretsOf(root: string, keys: string[]): Map<string, string> {
  return new SecretStore(resolveHome({ MCP_WASM_HOME: root })).readSecrets('probe', keys);
}

test('secret set reads the value from stdin, stores it encrypted and never prints it', async () => {
  const home = await homeWithProbe();
  const result = runCli(['secret', 'set', 'probe', 'api_token'], { home, input: 'tok-from-stdin-12345\n' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /secret api_token of probe is set/);
  assert.ok(!`${result.stdout}${result.stderr}`.includes('tok-from-stdin'));
  assert.ok(!readFileSync(join(home, 'secrets.json'), 'utf8').includes('tok-from-stdin'), 'encrypted at rest');
  assert.deepEqual(secretsOf(home, ['api_token']), new Map([['api_token', 'tok-from-stdin-12345']]), 'the trailing newline is not part of it');

  const list = runCli(['secret', 'list', 'probe'], { home });
  assert.equal(list.stdout, 'api_token\n');
  assert.match(list.stderr, /not set: spare_token/);
  assert.ok(!list.stdout.includes('tok-'));
});

test('secret set refuses a value on the command line, an empty value, an unknown servlet or key', async () => {
  const home = await homeWithProbe();
  const onArgv = runCli(['secret', 'set', 'probe', 'api_token', 'tok-on-argv'], { home });
  assert.notEqual(onArgv.status, 0);
  assert.match(onArgv.stderr, /too many arguments/);

  const empty = runCli(['secret', 'set', 'probe', 'api_token'], { home, input: '' });
  assert.equal(empty.status, 1);
  assert.match(empty.stderr, /the value of api_token is empty/);

  const unknownKey = runCli(['secret', 'set', 'probe', 'password'], { home, input: 'x' });
  assert.equal(unknownKey.status, 1);
  assert.match(unknownKey.stderr, /probe does not request a secret named "password" \(it requests: api_token, spare_token\)/);

  const unknownServlet = runCli(['secret', 'set', 'nobody', 'api_token'], { home, input: 'x' });
  assert.equal(unknownServlet.status, 1);
  assert.match(unknownServlet.stderr, /no servlet named "nobody" is installed/);
  assert.deepEqual(secretsOf(home, ['api_token', 'password']), new Map());
});

test('a requested secret that is not granted is stored, with a note on how to grant it', async () => {
  const home = await homeWithProbe();
  const result = runCli(['secret', 'set', 'probe', 'spare_token'], { home, input: 'spare-value' });
  assert.equal(result.status, 0);
  assert.match(result.stderr, /probe is not granted spare_token.*mcp-wasm grant probe --allow secret:spare_token/);
});

test('secret rm removes a value; removing one that is not set is refused', async () => {
  const home = await homeWithProbe();
  runCli(['secret', 'set', 'probe', 'api_token'], { home, input: 'tok-to-remove' });
  assert.equal(runCli(['secret', 'rm', 'probe', 'api_token'], { home }).status, 0);
  assert.deepEqual(secretsOf(home, ['api_token']), new Map());
  assert.equal(runCli(['secret', 'list', 'probe'], { home }).stdout, '');
  const again = runCli(['secret', 'rm', 'probe', 'api_token'], { home });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /probe has no secret "api_token" set/);
});

test('secret set at a terminal asks without echoing the value', async () => {
  const home = await homeWithProbe();
  const command = [process.execPath, CLI, 'secret', 'set', 'probe', 'api_token'].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
  // util-linux `script` gives the CLI a pseudo-terminal; stdin stays open until it ends (closing it types Ctrl-D).
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, MCP_WASM_HOME: home } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (!output.includes('(not shown)') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  child.stdin.write('typed-secret-value\r');
  await new Promise((resolve) => child.on('exit', resolve));
  assert.match(output, /Value of secret api_token \(not shown\):/);
  assert.match(output, /secret api_token of probe is set/);
  assert.ok(!output.includes('typed-secret-value'), `the value was echoed: ${JSON.stringify(output)}`);
  assert.deepEqual(secretsOf(home, ['api_token']), new Map([['api_token', 'typed-secret-value']]));
});

test('configure sets and unsets requested config keys in the state', async () => {
  const home = await homeWithProbe();
  const paths = resolveHome({ MCP_WASM_HOME: home });
  const set = runCli(['configure', 'probe', 'greeting=hi there', 'units=metric'], { home });
  assert.equal(set.status, 0, set.stderr);
  assert.match(set.stdout, /probe config: greeting="hi there", units="metric"/);
  assert.match(set.stderr, /probe is not granted units.*mcp-wasm grant probe --allow config:units/);
  assert.deepEqual((await readState(paths)).servlets.probe!.config, { greeting: 'hi there', units: 'metric' });

  const unset = runCli(['configure', 'probe', 'greeting=a=b', '--unset', 'units'], { home });
  assert.equal(unset.status, 0, unset.stderr);
  assert.deepEqual((await readState(paths)).servlets.probe!.config, { greeting: 'a=b' });
});

test('configure refuses keys the manifest does not request, secrets, and malformed assignments', async () => {
  const home = await homeWithProbe();
  const unknown = runCli(['configure', 'probe', 'colour=red'], { home });
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /probe does not request a config key named "colour" \(it requests: greeting, units, region\)/);

  const secret = runCli(['configure', 'probe', 'api_token=tok-on-argv'], { home });
  assert.equal(secret.status, 1);
  assert.match(secret.stderr, /api_token is a secret of probe: set it with `mcp-wasm secret set probe api_token`/);

  const malformed = runCli(['configure', 'probe', 'greeting'], { home });
  assert.equal(malformed.status, 1);
  assert.match(malformed.stderr, /"greeting" is not KEY=VALUE/);

  assert.equal(runCli(['configure', 'probe'], { home }).status, 1);
  assert.equal(runCli(['configure', 'nobody', 'greeting=x'], { home }).status, 1);
  assert.deepEqual((await readState(resolveHome({ MCP_WASM_HOME: home }))).servlets.probe!.config, {});
});
