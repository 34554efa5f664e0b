/**
 * A kill at any moment of an install leaves a consistent home: the state file is the old one or
 * the new one, every servlet it lists has its exact component, and the next run is not locked out.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, runCli, temporaryHome } from '../support/cli.js';
import { builtServlet } from '../support/servlets.js';

const ROUNDS = 14;

/** Starts an install and kills it with SIGKILL after `delayMs`; resolves when it is gone. */
function installAndKill(home: string, file: string, delayMs: number): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'install', file, '--name', 'victim', '--yes', '--force', '--quiet'], {
      env: { ...process.env, MCP_WASM_HOME: home },
      stdio: 'ignore',
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function assertConsistent(home: string): void {
  const path = join(home, 'state.json');
  if (!existsSync(path)) return; // killed before the first state was written: an empty home
  const state = JSON.parse(readFileSync(path, 'utf8')); // throws on a torn file
  for (const servlet of Object.values(state.servlets) as { file: string; digest: string; name: string }[]) {
    const component = join(home, servlet.file);
    assert.ok(existsSync(component), `the state lists ${servlet.name} but ${component} is missing`);
    assert.equal(createHash('sha256').update(readFileSync(component)).digest('hex'), servlet.digest, `${component} is not the component the state names`);
  }
}

test('killing install at any moment leaves the old or the new state, never a torn one', async () => {
  const home = temporaryHome();
  const files = [await builtServlet('hello'), await builtServlet('faulty')];
  // How long a whole install takes here, so the kills spread over all of it.
  const started = Date.now();
  assert.equal(runCli(['install', files[0]!, '--name', 'victim', '--yes'], { home }).status, 0);
  const duration = Math.max(Date.now() - started, 300);
  for (let round = 0; round < ROUNDS; round++) {
    await installAndKill(home, files[round % 2]!, Math.round(((round + 1) / ROUNDS) * duration));
    assertConsistent(home);
  }
  // The next run is not locked out by a lock file of a killed run, and installs for real.
  const final = runCli(['install', files[1]!, '--name', 'victim', '--yes', '--force'], { home });
  assert.equal(final.status, 0, final.stderr);
  assertConsistent(home);
  const called = runCli(['call', 'victim', 'state'], { home });
  assert.equal(called.status, 0, called.stderr);
});
