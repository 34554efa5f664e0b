/**
 * Our WASI preview 1 with a real C program (test/fixtures/wasi-p1/basics.c, built by clang-19):
 * arguments, an empty environment, clocks, a sleep, random bytes, an empty stdin, stdout and
 * stderr as log lines, and proc_exit's code.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { WasiExit } from '@mcp-wasm/host';
import { cGuestModule, wasiP1Guest } from '../../../../test/support/c-guests.js';

describe('WASI p1 basics (C command)', () => {
  let module: WebAssembly.Module;
  before(() => {
    module = cGuestModule('basics');
  });

  /** Runs `_start` with `args`; answers the log and the exit code (0 when main returned 0). */
  function run(args: string[]): { log: string[]; code: number } {
    const guest = wasiP1Guest(module, { mounts: [] }, args);
    const code = guest.start();
    return { log: guest.log, code };
  }

  test('arguments, empty environment, clocks, sleep, random, stdin at EOF, stdout and stderr as log lines', () => {
    const { log, code } = run(['basics', '0', 'two words', 'ünï']);
    assert.equal(code, 0);
    assert.deepEqual(log, [
      'info: argc=4 [basics] [0] [two words] [ünï]',
      'info: environ=0',
      'info: realtime-ok=1',
      'info: slept-30ms=1',
      'info: cputime-ok=1',
      'info: random=0 tail-zeros-few=1',
      'info: stdin-read=0',
      'warning: a warning',
      'warning: second warning',
    ]);
  });

  test('proc_exit carries the exit code as WasiExit', () => {
    const { code, log } = run(['basics', '42']);
    assert.equal(code, 42);
    assert.ok(log.includes('info: argc=2 [basics] [42]'));
    const exit = new WasiExit(42);
    assert.equal(exit.message, 'the servlet exited with code 42');
  });
});
