/**
 * `mcp-wasm new demo` (TypeScript, C, AssemblyScript), then building it and calling its tool, works
 * as the README and docs/authoring-c-as.md say; a compile error shows the compiler's own output.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect } from '../support/mcp-client.js';
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

for (const [lang, entry, built] of [
  ['c', join('src', 'main.c'), /compiling src\/main\.c with clang-19/],
  ['as', join('assembly', 'index.ts'), /compiling assembly\/index\.ts with asc/],
] as const) {
  test(`a new --lang ${lang} servlet builds, installs, and answers its tool through serve`, async () => {
    const home = temporaryHome();
    const workspace = mkdtempSync(join(tmpdir(), 'mcp-wasm-new-'));
    const created = runCli(['new', 'demo', '--lang', lang], { home, cwd: workspace });
    assert.equal(created.status, 0, created.stderr);
    const dir = join(workspace, 'demo');
    assert.ok(existsSync(join(dir, entry)));

    const build = runCli(['build'], { home, cwd: dir });
    assert.equal(build.status, 0, build.stderr);
    assert.match(build.stderr, built, 'the build says what it compiles with');
    assert.equal(runCli(['install', join(dir, 'dist', 'demo.wasm'), '--yes'], { home }).status, 0);

    const { client, transport } = await connect(['serve'], home);
    try {
      const result = await client.callTool({ name: 'demo__greet', arguments: { name: 'World' } });
      assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, World!' }]);
      if (lang === 'as') {
        const prompt = await client.getPrompt({ name: 'demo__introduce', arguments: { topic: 'WASI' } });
        assert.deepEqual(prompt.messages[0]?.content, { type: 'text', text: 'Introduce WASI in three sentences.' });
        const about = await client.readResource({ uri: 'demo://about' });
        assert.match(JSON.stringify(about.contents), /written in AssemblyScript/);
      }
    } finally {
      await transport.close();
    }
  });
}

test('a servlet that does not compile shows the compiler output, without a stack trace', () => {
  const home = temporaryHome();
  const workspace = mkdtempSync(join(tmpdir(), 'mcp-wasm-new-'));
  assert.equal(runCli(['new', 'broken', '--lang', 'c'], { home, cwd: workspace }).status, 0);
  const dir = join(workspace, 'broken');
  writeFileSync(join(dir, 'src', 'main.c'), 'int call(void) { return undeclared_name; }\n');
  const failed = runCli(['build'], { home, cwd: dir });
  assert.equal(failed.status, 1);
  assert.match(failed.stderr, /the servlet does not compile \(clang-19\):/);
  assert.match(failed.stderr, /main\.c:1:\d+: error: use of undeclared identifier 'undeclared_name'/);
  assert.doesNotMatch(failed.stderr, /internal error|\n\s+at /);

  assert.equal(runCli(['new', 'broken-as', '--lang', 'as'], { home, cwd: workspace }).status, 0);
  const asDir = join(workspace, 'broken-as');
  writeFileSync(join(asDir, 'assembly', 'index.ts'), 'export function call_tool(): i32 { return nope; }\n');
  const asFailed = runCli(['build'], { home, cwd: asDir });
  assert.equal(asFailed.status, 1);
  assert.match(asFailed.stderr, /the servlet does not compile \(asc\):/);
  assert.match(asFailed.stderr, /Cannot find name 'nope'/);
  assert.doesNotMatch(asFailed.stderr, /internal error|\n\s+at /);
});
