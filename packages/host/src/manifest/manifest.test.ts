import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readComponentInfo } from '../component/binary.js';
import { HostError } from '../errors.js';
import { embedManifest, readEmbeddedManifest } from './embed.js';
import { checkImportsAgainstManifest } from './imports.js';
import { parseManifest } from './manifest.js';

/** The smallest component: the preamble and nothing else. */
const EMPTY_COMPONENT = Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);

function refusedWith(code: string, pattern: RegExp) {
  return (error: unknown) => error instanceof HostError && error.code === code && pattern.test(error.message);
}

test('a manifest embedded by the build reads back the same, and is covered by the bytes', () => {
  const manifest = parseManifest({ name: 'notes', capabilities: { storage: { purpose: 'keeps notes', quotaBytes: 1024 } } }, 'x');
  const bytes = embedManifest(EMPTY_COMPONENT, manifest);
  assert.deepEqual(readEmbeddedManifest(readComponentInfo(bytes), 'x'), manifest);
  assert.equal(readEmbeddedManifest(readComponentInfo(EMPTY_COMPONENT), 'x'), undefined);
});

test('two manifests are refused: which one counts would be ambiguous', () => {
  const manifest = parseManifest({ capabilities: {} }, 'x');
  const twice = embedManifest(embedManifest(EMPTY_COMPONENT, manifest), manifest);
  assert.throws(() => readEmbeddedManifest(readComponentInfo(twice), 'x.wasm'), refusedWith('invalid-manifest', /x\.wasm carries more than one manifest/));
});

for (const [input, where] of [
  ['{', /not valid JSON/],
  [{ capabilities: { network: [{ origin: 'https://*.com', purpose: 'p' }] } }, /capabilities\.network\.0\.origin: .*at least two labels/],
  [{ capabilities: { filesystem: [{ guest: '/data/../etc', access: 'read-only', purpose: 'p' }] } }, /capabilities\.filesystem\.0\.guest/],
  [{ capabilities: { config: [{ key: '__proto__', purpose: 'p' }] } }, /capabilities\.config\.0\.key: this key name is reserved/],
  [{ capabilities: { clipboard: {} } }, /capabilities/],
  [{ limits: { timeoutMs: -1 } }, /limits\.timeoutMs/],
] as const) {
  test(`an invalid manifest is refused, saying where: ${JSON.stringify(input).slice(0, 60)}`, () => {
    assert.throws(() => parseManifest(input, 'servlet.json'), refusedWith('invalid-manifest', where));
  });
}

test('an import of a capability the manifest does not request is refused, naming it', () => {
  const manifest = parseManifest({ capabilities: { storage: { purpose: 'p' } } }, 'x');
  checkImportsAgainstManifest(['wasi:keyvalue/store@0.2.0-draft', 'wasi:io/streams@0.2.12'], manifest, 'x');
  assert.throws(
    () => checkImportsAgainstManifest(['wasi:http/outgoing-handler@0.2.12'], manifest, 'evil.wasm'),
    refusedWith('undeclared-import', /evil\.wasm imports `wasi:http\/outgoing-handler@0\.2\.12` but its manifest does not request network/),
  );
  assert.throws(() => checkImportsAgainstManifest(['mcp-wasm:servlet/upstream@0.1.0'], manifest, 'x'), refusedWith('undeclared-import', /upstream MCP servers/));
});
