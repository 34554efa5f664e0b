/** `mcp-wasm new demo`, then building it and calling its tool, works as the README says. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { ROOT } from '../support/servlets.js';

test('a new servlet builds, answers its tool, and passes its own test', () => {
  const home = temporaryHome();
  const workspace = mkdtempSync(join(tmpdir(), 'mcp-wasm-new-'));
  const created = runCli(['new', 'demo'], { home, cwd: workspace });
  assert.equal(created.status, 0, created.stderr);
  const dir = join(workspace, 'demo');
  assert.ok(existsSync(join(dir, 'src', 'index.ts')));

  const built = runCli(['build'], { home, cwd: dir });
  assert.equal(built.status, 0, built.stderr);
  assert.match(built.stderr, /compiling the component/, 'the build shows its progress');
  assert.ok(existsSync(join(dir, 'dist', 'demo.wasm')));

  const called = runCli(['call', 'dist/demo.wasm', 'greet', '{"name":"World"}'], { home, cwd: dir });
  assert.equal(called.stdout.trim(), 'Hello, World!', called.stderr);

  // Its own test, run as `npm test` would run it: with mcp-wasm on the PATH.
  const ownTest = spawnSync(process.execPath, ['--test', 'test/'], {
    cwd: dir,
    env: { ...process.env, MCP_WASM_HOME: home, PATH: `${join(ROOT, 'node_modules', '.bin')}${delimiter}${process.env.PATH}` },
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(ownTest.status, 0, ownTest.stdout + ownTest.stderr);

  const clash = runCli(['new', 'demo'], { home, cwd: workspace });
  assert.match(clash.stderr, /already exists/);
  assert.match(runCli(['new', 'Bad Name'], { home, cwd: workspace }).stderr, /is not a valid servlet name/);
});
