#!/usr/bin/env node
// Runs the test files with Node's test runner (TypeScript through tsx). Node 20's `--test` takes no
// globs, so the files are found here. `--unit` runs only the packages' own tests.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const unitOnly = process.argv.includes('--unit');

function findTests(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'fixtures' ? [] : findTests(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const files = [...findTests(join(root, 'packages')), ...(unitOnly ? [] : findTests(join(root, 'test')))].sort();
if (!unitOnly) {
  // Build the servlets the end-to-end tests use up front, two at a time (see test/support/prebuild.ts).
  const built = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'support', 'prebuild.ts')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
