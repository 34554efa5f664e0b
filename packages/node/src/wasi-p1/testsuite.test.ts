/**
 * Our WASI preview 1 measured against the rules of the preview-1 specification as the WebAssembly
 * wasi-testsuite checks them: C programs of ours (test/fixtures/wasi-p1/suite-*.c), one rule per
 * testsuite program they are named after, each run as a fresh command on a fresh read-write mount
 * at /data through the real Node backend. Every rule passes except the ones listed in
 * `REFUSED_BY_DESIGN`, which must fail (so the list, and docs/wasi-p1.md, stay true).
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { mountFor } from '../fs-backend/mount-roots.js';
import { createNodeFsBackend } from '../fs-backend/node-fs-backend.js';
import { cGuestModule, wasiP1Guest } from '../../../../test/support/c-guests.js';

const PROGRAMS = ['suite-descriptors', 'suite-paths', 'suite-entries', 'suite-misc'] as const;

/** Rules that fail here on purpose, and why (docs/wasi-p1.md says the same). */
const EXPECTED_FAILURES: Record<string, string> = {
  nofollow_errors: 'creates a symbolic link: servlets may not create links',
  path_exists: 'creates a symbolic link: servlets may not create links',
  path_link: 'creates a hard link: servlets may not create links',
  readlink: 'creates a symbolic link: servlets may not create links',
  symlink_create: 'creates a symbolic link: servlets may not create links',
  symlink_filestat: 'creates a symbolic link: servlets may not create links',
  fd_filestat_set: 'reads back a time set to the nanosecond: Node sets file times to the microsecond',
  path_filestat: 'reads back a time set to the nanosecond: Node sets file times to the microsecond',
};

/** Rules run with nothing granted (they expect no preopen at all). */
const WITHOUT_MOUNTS = new Set(['sock_shutdown-invalid_fd']);

const backend = createNodeFsBackend();
const base = mkdtempSync(join(tmpdir(), 'mcp-wasm-wasi-p1-suite-'));

/** A fresh directory with what the C library rules read. */
function freshMount(rule: string): string {
  const root = join(base, rule);
  mkdirSync(join(root, 'fopendir.dir'), { recursive: true });
  mkdirSync(join(root, 'writeable'));
  writeFileSync(join(root, 'file'), '');
  writeFileSync(join(root, 'lseek.txt'), '01234567');
  writeFileSync(join(root, 'pread.txt'), 'pread-test');
  writeFileSync(join(root, 'fopendir.dir', 'file-0'), '');
  writeFileSync(join(root, 'fopendir.dir', 'file-1'), '');
  return root;
}

/** Runs `program` with `args` on `mounts`; answers its exit code and what it printed. */
function run(module: WebAssembly.Module, args: string[], hostPath?: string): { code: number; log: string[] } {
  const mounts = hostPath ? [mountFor(hostPath, '/data', false)] : [];
  const guest = wasiP1Guest(module, { mounts, backend }, args);
  const code = guest.start();
  return { code, log: guest.log };
}

const outcomes: { rule: string; passed: boolean }[] = [];

for (const program of PROGRAMS) {
  describe(program, () => {
    const module = cGuestModule(program);
    const rules = run(module, ['suite', 'list']).log.map((line) => line.replace(/^info: /, ''));
    assert.ok(rules.length > 0, `${program} lists its rules`);

    for (const rule of rules) {
      const expected = EXPECTED_FAILURES[rule];
      test(expected ? `${rule} (fails on purpose: ${expected})` : rule, () => {
        const { code, log } = run(module, ['suite', rule], WITHOUT_MOUNTS.has(rule) ? undefined : freshMount(rule));
        assert.notEqual(code, 2, `${program} knows ${rule}`);
        outcomes.push({ rule, passed: code === 0 });
        if (expected) assert.notEqual(code, 0, `${rule} passes now: take it off EXPECTED_FAILURES and out of docs/wasi-p1.md`);
        else assert.equal(code, 0, `${rule} failed: ${log.join(' | ')}`);
      });
    }
  });
}

describe('summary', () => {
  test('every rule ran, and as many pass as docs/wasi-p1.md says', (context) => {
    const passed = outcomes.filter((outcome) => outcome.passed).length;
    context.diagnostic(`${passed} of ${outcomes.length} wasi-testsuite preview-1 rules pass`);
    assert.equal(outcomes.length, 61);
    assert.equal(passed, outcomes.length - Object.keys(EXPECTED_FAILURES).length);
  });
});
