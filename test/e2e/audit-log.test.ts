/** The audit log through the CLI: calls with their outcome, `logs` filters, `--json`, and `--follow`. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, runCli, temporaryHome } from '../support/cli.js';
import { builtServlet } from '../support/servlets.js';

test('every call is audited; logs shows, filters and follows them', async () => {
  const home = temporaryHome();
  for (const name of ['hello', 'faulty'] as const) {
    assert.equal(runCli(['install', await builtServlet(name), '--name', name, '--yes'], { home }).status, 0);
  }
  assert.match(runCli(['logs'], { home }).stderr, /no audit log yet/);
  assert.equal(runCli(['call', 'hello', 'greet', '{"name":"Ada"}'], { home }).status, 0);
  assert.equal(runCli(['call', 'faulty', 'trap'], { home }).status, 1);

  const records = runCli(['logs', '--json'], { home })
    .stdout.trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  const calls = records.filter((record) => record.type === 'call');
  assert.deepEqual(
    calls.map(({ servlet, tool, outcome, argumentBytes }) => ({ servlet, tool, outcome, argumentBytes })),
    [
      { servlet: 'hello', tool: 'greet', outcome: 'ok', argumentBytes: '{"name":"Ada"}'.length },
      { servlet: 'faulty', tool: 'trap', outcome: 'trap', argumentBytes: 2 },
    ],
  );
  for (const call of calls) {
    assert.ok(!Number.isNaN(Date.parse(call.time)));
    assert.equal(typeof call.durationMs, 'number');
  }
  assert.ok(!JSON.stringify(calls).includes('Ada'), 'call records hold the size of the arguments, never the arguments');
  assert.equal(statSync(join(home, 'audit.jsonl')).mode & 0o077, 0, 'only the user can read the audit log');

  const onlyHello = runCli(['logs', '--servlet', 'hello'], { home }).stdout;
  assert.match(onlyHello, /hello {2}call greet → ok \(/);
  assert.doesNotMatch(onlyHello, /faulty/);

  const follower = spawn(process.execPath, [CLI, 'logs', '--follow', '--servlet', 'hello'], { env: { ...process.env, MCP_WASM_HOME: home } });
  let seen = '';
  follower.stdout.setEncoding('utf8').on('data', (chunk: string) => (seen += chunk));
  await new Promise((resolve) => setTimeout(resolve, 500));
  assert.equal(runCli(['call', 'hello', 'add', '{"a":1,"b":2}'], { home }).status, 0);
  const deadline = Date.now() + 10_000;
  while (!/call add → ok/.test(seen) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  follower.kill('SIGTERM');
  assert.match(seen, /call greet → ok/, 'follow first prints what is there');
  assert.match(seen, /call add → ok/, 'then what is written later');
  assert.ok(readFileSync(join(home, 'audit.jsonl'), 'utf8').endsWith('\n'));
});
