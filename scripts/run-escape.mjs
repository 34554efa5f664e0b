#!/usr/bin/env node
// Runs the escape suite (test/escape) alone: builds its guests first (two at a time, cached by
// source hash), then runs its test files with Node's test runner, and ends with one line
// `N passed, N failed` counted from the runner's summary.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = join(root, 'test', 'escape');
const files = readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort().map((name) => join('test', 'escape', name));

const built = spawnSync(process.execPath, ['--import', 'tsx', join(dir, 'build-guests.ts')], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) {
  console.log(`0 passed, ${files.length} failed`);
  process.exit(1);
}

// The spec report goes through this script: every line is shown, and the counts are taken from its summary.
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
let passed = 0;
let failed = 0;
let buffer = '';
child.stdout.setEncoding('utf8').on('data', (chunk) => {
  buffer += chunk;
  const lines = buffer.split('\n');
  buffer = lines.pop() ?? '';
  for (const line of lines) {
    const pass = /^ℹ pass (\d+)$/.exec(line);
    const fail = /^ℹ fail (\d+)$/.exec(line);
    if (pass) passed = Number(pass[1]);
    if (fail) failed = Number(fail[1]);
    process.stdout.write(`${line}\n`);
  }
});
child.on('exit', (code) => {
  if (buffer) process.stdout.write(`${buffer}\n`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code ?? 1);
});
