import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withheldMessage, withheldReason } from './withheld.js';

test('a tool is withheld when it is new, changed or no longer listed, and served when it is the approved one', () => {
  const approved = { read: 'a', write: 'b', gone: 'c' };
  const current = { read: 'a', write: 'B', fresh: 'd' };
  assert.equal(withheldReason(approved, current, 'read'), undefined);
  assert.equal(withheldReason(approved, current, 'write'), 'changed');
  assert.equal(withheldReason(approved, current, 'fresh'), 'added');
  assert.equal(withheldReason(approved, current, 'gone'), 'removed');
});

test('the message says what to run next', () => {
  assert.equal(
    withheldMessage('notes', 'write', 'changed'),
    'tool "write" of servlet "notes" is withheld: it changed since it was approved. Review the difference with `mcp-wasm info notes` and accept it with `mcp-wasm approve notes`',
  );
});
