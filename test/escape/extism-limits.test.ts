/**
 * Escape suite, limits, for Extism plugins: a plugin that spins past its deadline, grows its
 * linear memory past the cap, or asks the host for a huge block of kernel memory is ended with the
 * limit named; the host serves the next call with a fresh instance.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { pluginFile } from '../fixtures/extism/build.js';
import type { Connection } from '../support/mcp-client.js';
import { assertStillServes, callTool, install, newHome, serve } from './support.js';

describe('limits (Extism plugins)', () => {
  let connection: Connection;

  before(async () => {
    const manifest = {
      capabilities: { network: [{ origin: 'http://127.0.0.1:9', purpose: 'never used here' }], config: [{ key: 'greeting', purpose: 'never used here' }] },
      limits: { timeoutMs: 1000, memoryMb: 16 },
    };
    const home = newHome();
    install(home, await pluginFile('mcp-run-v0', { manifest, file: 'limited.wasm' }), '--name', 'limited', '--yes');
    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  test('an infinite loop is ended at the deadline', async () => {
    const answer = await callTool(connection, 'limited', 'spin');
    assert.equal(answer.isError, true);
    assert.match(answer.text, /exceeded its time limit of 1000 ms/);
    await assertStillServes(connection, 'limited');
  });

  test('growing linear memory past the cap', async () => {
    const answer = await callTool(connection, 'limited', 'grow');
    assert.equal(answer.isError, true);
    assert.match(answer.text, /ran out of memory: it reached its memory limit of 16 MiB/);
    await assertStillServes(connection, 'limited');
  });

  test('a huge block of kernel memory', async () => {
    const answer = await callTool(connection, 'limited', 'huge');
    assert.equal(answer.isError, true);
    assert.match(answer.text, /ran out of memory/);
    await assertStillServes(connection, 'limited');
  });
});
