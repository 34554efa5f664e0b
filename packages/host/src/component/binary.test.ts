import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HostError } from '../errors.js';
import { readComponentInfo } from './binary.js';

/** A minimal component: preamble, one custom section, one import section with two instance imports. */
function component(): Uint8Array {
  const name = (text: string) => [text.length, ...new TextEncoder().encode(text)];
  const custom = [...name('mcp-wasm:manifest'), ...new TextEncoder().encode('{}')];
  const imports = [2, 0x00, ...name('wasi:io/error@0.2.12'), 0x05, 0, 0x00, ...name('wasi:io/streams@0.2.12'), 0x05, 1];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 0, custom.length, ...custom, 10, imports.length, ...imports]);
}

function refusal(bytes: Uint8Array): HostError {
  try {
    readComponentInfo(bytes, 'x.wasm');
  } catch (error) {
    assert.ok(error instanceof HostError);
    return error;
  }
  assert.fail('expected a refusal');
}

test('reads the imports and custom sections of a component', () => {
  const info = readComponentInfo(component());
  assert.deepEqual(info.imports, ['wasi:io/error@0.2.12', 'wasi:io/streams@0.2.12']);
  assert.equal(new TextDecoder().decode(info.customSections.get('mcp-wasm:manifest')), '{}');
});

test('refuses bytes that are not WebAssembly', () => {
  const error = refusal(new TextEncoder().encode('#!/bin/sh\necho hi\n'));
  assert.equal(error.code, 'malformed-component');
  assert.match(error.message, /x\.wasm is not WebAssembly/);
});

test('refuses a core module, saying it is not a component', () => {
  const error = refusal(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
  assert.equal(error.code, 'not-a-component');
});

test('refuses every truncation inside a section cleanly', () => {
  const bytes = component();
  const sectionEnds = new Set([8, 8 + 2 + bytes[9]!]); // cuts between sections leave a shorter, valid component
  for (let length = 9; length < bytes.length; length++) {
    if (sectionEnds.has(length)) continue;
    const error = refusal(bytes.subarray(0, length));
    assert.equal(error.code, 'malformed-component', `at length ${length}`);
  }
});

test('refuses a section that claims more bytes than the file has', () => {
  const bytes = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00, 10, 0xff, 0xff, 0xff, 0xff, 0x0f]);
  assert.match(refusal(bytes).message, /truncated/);
});
