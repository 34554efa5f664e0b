/**
 * Isolation and limits through a real `mcp-wasm serve`: every servlet instance runs in a worker,
 * so a spinning or runaway servlet never stalls the others; limits end it with a clear result;
 * cancellation frees a servlet at once; state never crosses MCP sessions.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';
import { maxLogNotifications } from '../support/log-rate.js';

function text(result: CallToolResult | unknown): string {
  return ((result as CallToolResult).content ?? []).map((block) => ('text' in block ? block.text : '')).join('');
}

async function serving(installs: [file: string, name: string][]): Promise<{ home: string; connection: Connection }> {
  const home = temporaryHome();
  for (const [file, name] of installs) {
    const installed = runCli(['install', file, '--name', name, '--yes', '--quiet'], { home });
    assert.equal(installed.status, 0, installed.stderr);
  }
  return { home, connection: await connect(['serve'], home) };
}

/** The resident memory of the server process, in MiB (Linux). */
function residentMiB(connection: Connection): number {
  const status = readFileSync(`/proc/${connection.transport.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

describe('limits and isolation', () => {
  test('one servlet spinning forever does not stall others; the deadline ends it, the next call gets a fresh instance', async () => {
    const probe = await builtServlet('limits-probe');
    const { connection } = await serving([[probe, 'spinner'], [probe, 'other']]);
    const { client, transport } = connection;
    try {
      const finished: string[] = [];
      const spinning = client.callTool({ name: 'spinner__spin', arguments: {} }).finally(() => finished.push('spinner'));
      const other = await client.callTool({ name: 'other__ok', arguments: {} }).finally(() => finished.push('other'));
      assert.equal(text(other), 'ok 1');
      const stopped = await spinning;
      assert.deepEqual(finished, ['other', 'spinner'], 'the other servlet answered while the spinner was still spinning');
      assert.equal(stopped.isError, true);
      assert.match(text(stopped), /exceeded its time limit of 3000 ms \(the servlet may ask for more with "limits": \{ "timeoutMs": … \}/);
      assert.equal(text(await client.callTool({ name: 'spinner__ok', arguments: {} })), 'ok 1', 'a fresh instance');
    } finally {
      await transport.close();
    }
  });

  test('a result above the limit is refused; a log flood is cut and said so', async () => {
    const { connection } = await serving([[await builtServlet('limits-probe'), 'probe']]);
    const { client, transport, logs } = connection;
    try {
      const big = await client.callTool({ name: 'probe__big_result', arguments: { bytes: 100_000 } });
      assert.equal(big.isError, true);
      assert.match(text(big), /the result of \d+ bytes exceeds the limit of 65536 bytes/);
      assert.equal(text(await client.callTool({ name: 'probe__big_result', arguments: { bytes: 10 } })), 'xxxxxxxxxx');

      const started = performance.now();
      const flood = await client.callTool({ name: 'probe__log_flood', arguments: { lines: 5000 } });
      assert.equal(text(flood), 'logged 5000 lines');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const seconds = (performance.now() - started) / 1000;
      assert.ok(logs.length <= maxLogNotifications(seconds), `a bounded number reaches the client: the burst of 200 and 50 more per second (got ${logs.length} in ${seconds.toFixed(1)} s)`);
      assert.ok(logs.some((log) => /\d+ log lines dropped: more than 50 per second/.test(String(log.data))));
    } finally {
      await transport.close();
    }
  });

  test('a long call cancelled through the MCP client frees its servlet for the next call', async () => {
    const { connection } = await serving([[await builtServlet('limits-probe'), 'probe']]);
    const { client, transport } = connection;
    try {
      const abort = new AbortController();
      const long = client.callTool({ name: 'probe__busy', arguments: { ms: 2800 } }, { signal: abort.signal });
      await new Promise((resolve) => setTimeout(resolve, 300));
      abort.abort('the person changed their mind');
      await assert.rejects(long);
      const next = await client.callTool({ name: 'probe__ok', arguments: {} });
      // `busy` counts as a call: had the cancelled call run on, this would answer `ok 2`.
      assert.equal(text(next), 'ok 1', 'the busy instance was ended; the next call runs in a fresh one');
    } finally {
      await transport.close();
    }
  });

  test('state never crosses MCP sessions: each client connection has its own instance', async () => {
    const { home, connection: first } = await serving([[await builtServlet('limits-probe'), 'probe']]);
    const second = await connect(['serve'], home);
    try {
      assert.equal(text(await first.client.callTool({ name: 'probe__ok', arguments: {} })), 'ok 1');
      assert.equal(text(await first.client.callTool({ name: 'probe__ok', arguments: {} })), 'ok 2');
      assert.equal(text(await second.client.callTool({ name: 'probe__ok', arguments: {} })), 'ok 1');
    } finally {
      await first.transport.close();
      await second.transport.close();
    }
  });

  test('20 servlets at once, one spinning and one allocating without bound: the others complete, both are stopped, memory returns near its baseline', async () => {
    const probe = await builtServlet('limits-probe');
    const hello = await builtServlet('hello');
    const bomb = await builtServlet('memory-bomb');
    const installs: [string, string][] = [[probe, 'spinner'], [bomb, 'bomb']];
    for (let i = 0; i < 18; i++) installs.push([hello, `hello-${i}`]);
    const { connection } = await serving(installs);
    const { client, transport } = connection;
    try {
      const greetAll = () => Promise.all(Array.from({ length: 18 }, (_, i) => client.callTool({ name: `hello-${i}__greet`, arguments: { name: `n${i}` } })));
      // The baseline: the 18 well-behaved servlets running, each with its instance for this session.
      await greetAll();
      const baseline = residentMiB(connection);
      const spinning = client.callTool({ name: 'spinner__spin', arguments: {} });
      const allocating = client.callTool({ name: 'bomb__allocate', arguments: {} });
      const greetings = await greetAll();
      greetings.forEach((result, i) => assert.equal(text(result), `Hello, n${i}!`));
      const [spun, allocated] = await Promise.all([spinning, allocating]);
      assert.match(text(spun), /exceeded its time limit/);
      assert.match(text(allocated), /memory limit/);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const after = residentMiB(connection);
      assert.ok(after < baseline + 200, `memory returned near its baseline: ${baseline.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after`);
      assert.equal(text(await client.callTool({ name: 'spinner__ok', arguments: {} })), 'ok 1', 'the host still serves');
    } finally {
      await transport.close();
    }
  });
});
