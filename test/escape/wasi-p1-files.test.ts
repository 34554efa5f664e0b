/**
 * Escape suite, WASI preview 1, the attacks a tool call cannot make: a C program built with
 * wasi-libc (test/fixtures/wasi-p1/files.c) hands the host pointers outside its memory and
 * exhausts the descriptor table, with raw WASI calls. Each gets its errno (EFAULT, EMFILE), never a
 * host exception, and the same instance serves the next call.
 *
 * The file attacks themselves (`..`, absolute paths, symbolic links and races, FIFOs, links,
 * read-only writes, revokes) run through a real plugin and `mcp-wasm serve` in
 * extism-files.test.ts. This guest runs straight on the host's `wasiPreview1` with the real Node
 * backend on real directories (the Extism host builds its WASI on the same function).
 */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, beforeEach, describe, test } from 'node:test';
import { WASI_P1_ERRNO as E, type Mount } from '@mcp-wasm/host';
import { createNodeFsBackend } from '@mcp-wasm/node';
import { cGuestModule, wasiP1Guest, type WasiP1Guest } from '../support/c-guests.js';
import { scratchDir } from './support.js';

const backend = createNodeFsBackend();

describe('WASI p1 file attacks', () => {
  let module: WebAssembly.Module;
  let base: string;
  let mounts: Mount[];
  let guest: WasiP1Guest;

  before(() => {
    module = cGuestModule('files', { reactor: true });
  });

  beforeEach(() => {
    base = scratchDir('wasi-p1');
    mkdirSync(join(base, 'data'));
    writeFileSync(join(base, 'data', 'inside.txt'), 'inside');
    mounts = [{ guestPath: '/data', hostPath: join(base, 'data'), readOnly: false }];
    guest = wasiP1Guest(module, { mounts, backend });
    assert.equal(read('/data/inside.txt'), 'inside', 'the granted mount works');
  });

  const op = (name: string, arg1: string, arg2?: string): number => guest.op(name, arg1, arg2);
  const read = (path: string): string => guest.read(path);

  /** The host serves the next call: the same instance still reads its granted file. */
  function assertStillServes(): void {
    assert.equal(read('/data/inside.txt'), 'inside', 'the instance keeps working after the attack');
  }

  test('descriptor exhaustion ends in EMFILE, not in host memory', () => {
    const opened = op('open_many', '/data/inside.txt');
    assert.ok(opened > 1000 && opened < 1024, `opened ${opened} before EMFILE`);
    assertStillServes();
  });

  test('pointers outside the guest memory are EFAULT, never a host exception', () => {
    for (const name of ['bad_iovec', 'bad_iovec_array', 'bad_result_pointer', 'bad_stat_pointer', 'bad_random_pointer', 'bad_clock_pointer']) {
      assert.equal(guest.call(name), E.fault, name);
    }
    assert.equal(guest.call('bad_path_pointer', 3), E.fault);
    assertStillServes();
  });
});
