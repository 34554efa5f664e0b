/** The CLI's contract: help and version, and one clear sentence (no stack trace) for every user mistake. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { builtServlet } from '../support/servlets.js';

const home = temporaryHome();

describe('help and version', () => {
  test('--version prints the version', () => {
    const result = runCli(['--version'], { home });
    assert.equal(result.status, 0);
    assert.match(result.stdout.trim(), /^\d+\.\d+\.\d+$/);
  });

  for (const command of ['serve', 'run', 'call', 'install', 'list', 'info', 'update', 'grant', 'revoke', 'approve', 'uninstall', 'logs', 'secret', 'configure', 'build', 'new']) {
    test(`${command} --help explains the command`, () => {
      const result = runCli([command, '--help'], { home });
      assert.equal(result.status, 0, result.stderr);
      assert.match(result.stdout, new RegExp(`Usage: mcp-wasm ${command}`));
    });
  }
});

describe('user mistakes get one sentence with the next step', () => {
  function assertCleanError(result: ReturnType<typeof runCli>, pattern: RegExp) {
    assert.notEqual(result.status, 0);
    assert.match(result.stderr, pattern);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }

  test('a missing file', () => {
    assertCleanError(runCli(['call', 'nowhere.wasm', 'greet'], { home }), /no file at nowhere\.wasm: check the path/);
  });

  test('a file that is not WebAssembly', () => {
    const path = join(home, 'not-wasm.wasm');
    writeFileSync(path, 'hello');
    assertCleanError(runCli(['call', path, 'greet'], { home }), /is not WebAssembly \(bad magic number\)/);
  });

  test('a core module instead of a component', () => {
    const path = join(home, 'core.wasm');
    writeFileSync(path, new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    assertCleanError(runCli(['run', path], { home }), /is a core WebAssembly module, not a component/);
  });

  test('arguments that are not JSON', async () => {
    assertCleanError(runCli(['call', await builtServlet('hello'), 'greet', '{oops'], { home }), /arguments are not valid JSON/);
  });

  test('an unknown tool names the tools there are', async () => {
    assertCleanError(runCli(['call', await builtServlet('hello'), 'nope'], { home }), /has no tool "nope": its tools are greet, add, count/);
  });

  test('an unknown servlet name', () => {
    assertCleanError(runCli(['call', 'nosuch', 'greet'], { home }), /no servlet "nosuch" is installed/);
  });

  test('an unknown command', () => {
    assertCleanError(runCli(['frobnicate'], { home }), /unknown command 'frobnicate'/);
  });

  test('a tool error sets the exit code', async () => {
    const result = runCli(['call', await builtServlet('hello'), 'greet', '{}'], { home });
    assert.equal(result.status, 1);
    assert.match(result.stdout, /Invalid arguments for tool greet/);
  });

  test('building a directory without a servlet', () => {
    assertCleanError(runCli(['build', home], { home }), /no servlet source in .*: create src\/index\.ts/);
  });
});

test('install, list, and call by servlet name', async () => {
  const own = temporaryHome();
  const installed = runCli(['install', await builtServlet('hello'), '--name', 'hello', '--yes'], { home: own });
  assert.equal(installed.status, 0, installed.stderr);
  assert.match(runCli(['list'], { home: own }).stdout, /^hello 0\.1\.0\s+sha256:/m);
  const same = runCli(['install', await builtServlet('hello'), '--name', 'hello', '--yes'], { home: own });
  assert.match(same.stdout, /already installed with this exact component/);
  const other = runCli(['install', await builtServlet('faulty'), '--name', 'hello', '--yes'], { home: own });
  assert.match(other.stderr, /already installed: run `mcp-wasm update hello/);
  const called = runCli(['call', 'hello', 'add', '{"a":1,"b":2}', '--json'], { home: own });
  assert.deepEqual(JSON.parse(called.stdout).structuredContent, { sum: 3 });
});
