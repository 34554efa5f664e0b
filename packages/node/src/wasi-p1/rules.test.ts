/**
 * Rules of WASI preview 1 that the wasi-testsuite does not check, each a C program of ours
 * (test/fixtures/wasi-p1/rules.c) run as a fresh command on a fresh read-write mount at /data
 * through the real Node backend: the right each call needs, the rights of each kind of
 * descriptor, the rights `fdflags` need, `..` above a directory descriptor, trailing slashes on
 * every path call, `.` and `..` in listings, and what link calls answer before their refusal.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { mountFor } from '../fs-backend/mount-roots.js';
import { createNodeFsBackend } from '../fs-backend/node-fs-backend.js';
import { cGuestModule, wasiP1Guest } from '../../../../test/support/c-guests.js';

const backend = createNodeFsBackend();

describe('WASI p1 rules beyond the testsuite', () => {
  const module = cGuestModule('rules');
  const listing = wasiP1Guest(module, { mounts: [], backend }, ['rules', 'list']);
  assert.equal(listing.start(), 0);
  const rules = listing.log.map((line) => line.replace(/^info: /, ''));

  for (const rule of rules) {
    test(rule, () => {
      const hostPath = mkdtempSync(join(tmpdir(), 'mcp-wasm-wasi-p1-rules-'));
      const guest = wasiP1Guest(module, { mounts: [mountFor(hostPath, '/data', false)], backend }, ['rules', rule]);
      assert.equal(guest.start(), 0, `${rule}: ${guest.log.join(' | ')}`);
    });
  }

  test('each refusal of a link, and only those, is a denial for the audit log', () => {
    const hostPath = mkdtempSync(join(tmpdir(), 'mcp-wasm-wasi-p1-rules-'));
    const guest = wasiP1Guest(module, { mounts: [mountFor(hostPath, '/data', false)], backend }, ['rules', 'links_answer_posix_first']);
    assert.equal(guest.start(), 0);
    assert.deepEqual(
      guest.denials.map((detail) => detail.replace(/ in \/data\/links_answer_posix_first/g, '')),
      [
        'create symbolic link "free" to "anything": servlets may not create symbolic links',
        'create hard link "free" to "file": servlets may not create hard links',
        'create hard link "free" to "dir": directories cannot be hard-linked, and servlets may not create hard links',
      ],
    );
  });
});
