/**
 * Escape suite, what a component imports: the environment (never granted: the guest sees an empty
 * one), raw sockets (never grantable: refused before the component runs), an interface its
 * manifest does not declare (refused at install), and MCP client features it requested but was
 * not granted (refused at the call, audited). A bystander servlet in the same home keeps serving.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { assertCliStillServes, assertDenied, assertStillServes, buildGuests, callCli, callTool, cli, install, newHome, serve } from './support.js';

const CANARY = 'MCP_WASM_ESCAPE_CANARY';

describe('imports', () => {
  let built: Record<'environment-read' | 'sockets-import' | 'undeclared-import' | 'client-feature-request', string>;
  let home: string;
  let connection: Connection;

  /** The servlets installed in `home`. */
  function installed(): string[] {
    const path = join(home, 'state.json');
    return existsSync(path) ? Object.keys((JSON.parse(readFileSync(path, 'utf8')) as { servlets: object }).servlets).sort() : [];
  }

  before(async () => {
    built = await buildGuests(['environment-read', 'sockets-import', 'undeclared-import', 'client-feature-request']);
    home = newHome();
    install(home, built['environment-read'], '--yes');
    install(home, built['client-feature-request'], '--yes', '--deny', 'sampling', '--deny', 'elicitation');
    // A variable the host process has and the guest must never see.
    process.env[CANARY] = 'host-only-value';
    connection = await serve(home);
  });

  after(async () => {
    delete process.env[CANARY];
    await connection?.transport.close();
  });

  test('reading environment variables', async () => {
    const answer = await callTool(connection, 'environment-read', 'environment');
    assert.deepEqual(JSON.parse(answer.text), { environment: [], arguments: [], cwd: null, processEnv: null });
    assert.ok(!answer.text.includes('host-only-value'));
    await assertStillServes(connection, 'environment-read');
  });

  test('a wasi:sockets import', () => {
    for (const args of [['install', built['sockets-import'], '--yes'], ['call', built['sockets-import'], 'connect', '{}']]) {
      const result = cli(home, args);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /imports `wasi:sockets\/[a-z-]+@0\.2\.12`, which this host does not provide: rebuild it against the MCP-WASM interface/);
    }
    assert.deepEqual(installed(), ['client-feature-request', 'environment-read'], 'nothing was installed');
    assertCliStillServes(home, 'environment-read');
  });

  test('an undeclared import', () => {
    for (const args of [['install', built['undeclared-import'], '--yes'], ['call', built['undeclared-import'], 'mounts', '{}']]) {
      const result = cli(home, args);
      assert.equal(result.status, 1);
      assert.match(
        result.stderr,
        /imports `wasi:filesystem\/(types|preopens)@0\.2\.12` but its manifest does not request filesystem: the publisher must declare it \(servlet\.json\) and rebuild/,
      );
    }
    assert.deepEqual(installed(), ['client-feature-request', 'environment-read'], 'nothing was installed');
    assertCliStillServes(home, 'environment-read');
  });

  test('sampling not granted', async () => {
    const answer = await callTool(connection, 'client-feature-request', 'sample');
    assert.equal(answer.text, 'refused -32001: sampling is not granted to this servlet; the person can grant it with `mcp-wasm grant <servlet> --allow sampling`');
    assertDenied(home, 'client-feature-request', 'sampling', /^sampling request$/);
    await assertStillServes(connection, 'client-feature-request');
  });

  test('elicitation not granted', async () => {
    const answer = await callTool(connection, 'client-feature-request', 'ask');
    assert.equal(answer.text, 'refused -32001: elicitation is not granted to this servlet; the person can grant it with `mcp-wasm grant <servlet> --allow elicitation`');
    assertDenied(home, 'client-feature-request', 'elicitation', /^elicitation request$/);
    const viaCli = callCli(home, 'client-feature-request', 'ask');
    assert.match(viaCli.stdout, /^refused -32001: elicitation is not granted/);
    await assertStillServes(connection, 'client-feature-request');
  });
});
