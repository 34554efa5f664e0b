import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

test('greet answers with a greeting', () => {
  const output = execFileSync('mcp-wasm', ['call', 'dist/__NAME__.wasm', 'greet', '{"name":"World"}'], { encoding: 'utf8' });
  assert.equal(output.trim(), 'Hello, World!');
});
