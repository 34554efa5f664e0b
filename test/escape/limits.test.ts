/**
 * Escape suite, limits: guests that spin forever, allocate without bound, recurse without bound,
 * return a huge result and flood the log, each through a real `mcp-wasm serve`. Each is stopped
 * by its limit with an `isError` result that names the limit, and the host — the same process, the
 * same connection — serves the next call.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Connection } from '../support/mcp-client.js';
import { maxLogNotifications } from '../support/log-rate.js';
import { assertStillServes, buildGuests, callTool, install, newHome, serve, type GuestName } from './support.js';

const GUESTS = ['infinite-loop', 'memory-bomb', 'deep-recursion', 'output-flood', 'log-flood'] as const satisfies readonly GuestName[];


describe('limits', () => {
  let connection: Connection;

  before(async () => {
    const built = await buildGuests(GUESTS);
    const home = newHome();
    for (const name of GUESTS) install(home, built[name], '--yes');
    connection = await serve(home);
  });

  after(() => connection?.transport.close());

  test('an infinite loop', async () => {
    const answer = await callTool(connection, 'infinite-loop', 'spin', {}, 60_000);
    assert.equal(answer.isError, true, answer.text);
    assert.match(answer.text, /exceeded its time limit of 2000 ms/);
    await assertStillServes(connection, 'infinite-loop');
  });

  test('a memory bomb', async () => {
    const answer = await callTool(connection, 'memory-bomb', 'allocate', {}, 120_000);
    assert.equal(answer.isError, true, answer.text);
    assert.match(answer.text, /memory limit/);
    await assertStillServes(connection, 'memory-bomb');
  });

  test('deep recursion', async () => {
    const answer = await callTool(connection, 'deep-recursion', 'recurse', {}, 60_000);
    assert.equal(answer.isError, true, answer.text);
    // A JavaScript guest's engine stops the recursion itself ("too much recursion") and the call
    // fails cleanly; a guest without such an engine traps, which the host reports as a stack overflow.
    assert.match(answer.text, /too much recursion|stack overflow/);
    await assertStillServes(connection, 'deep-recursion');
  });

  test('an output flood', async () => {
    const answer = await callTool(connection, 'output-flood', 'flood', {}, 60_000);
    assert.equal(answer.isError, true, answer.text.slice(0, 200));
    assert.match(answer.text, /result of \d+ bytes exceeds the limit of 65536 bytes/);
    assert.ok(answer.text.length < 4096, 'the refusal does not carry the flood');
    await assertStillServes(connection, 'output-flood');
  });

  test('a log flood', async () => {
    connection.logs.length = 0;
    const started = performance.now();
    const answer = await callTool(connection, 'log-flood', 'flood', {}, 60_000);
    const seconds = (performance.now() - started) / 1000;
    assert.equal(answer.text, 'flooded', 'the call itself completes');
    const lines = connection.logs.map((entry) => (typeof entry.data === 'string' ? entry.data : JSON.stringify(entry.data)));
    assert.ok(lines.length <= maxLogNotifications(seconds), `${lines.length} log notifications reached the client for one call of ${seconds.toFixed(1)} s`);
    assert.ok(lines.some((line) => /log lines dropped/.test(line)), `no "log lines dropped" notice among ${lines.length} lines: ${lines.slice(-3).join(' | ')}`);
    await assertStillServes(connection, 'log-flood');
  });
});
