import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCapabilities } from '../capabilities/context.js';
import { HostError } from '../errors.js';
import { checkImports, linkImports } from './linker.js';

test('accepts the interfaces a TypeScript servlet imports', () => {
  checkImports(['wasi:io/streams@0.2.12', 'wasi:logging/logging@0.1.0-draft', 'mcp-wasm:servlet/progress@0.1.0', 'wasi:cli/stderr@0.2.3'], 'x');
});

for (const name of ['wasi:sockets/tcp@0.2.12', 'acme:evil/spawn@1.0.0', 'wasi:io/streams@0.3.0', 'wasi:logging/logging@0.2.0', 'not an interface']) {
  test(`refuses an import the host does not provide: ${name}`, () => {
    assert.throws(
      () => checkImports([name], 'evil.wasm'),
      (error: unknown) => error instanceof HostError && error.code === 'unknown-import' && error.message.includes(`\`${name}\``),
    );
  });
}

test('the environment a guest sees is empty', () => {
  const imports = linkImports(['wasi:cli/environment@0.2.12'], { log: () => {}, progress: () => {} }, () => emptyCapabilities('t'));
  const environment = imports['wasi:cli/environment'] as { getEnvironment(): unknown[]; getArguments(): unknown[] };
  assert.deepEqual(environment.getEnvironment(), []);
  assert.deepEqual(environment.getArguments(), []);
});

test('guest stdout becomes log lines, never host output', () => {
  const lines: string[] = [];
  const imports = linkImports(['wasi:cli/stdout@0.2.12'], { log: (level, message) => lines.push(`${level}:${message}`), progress: () => {} }, () => emptyCapabilities('t'));
  const stdout = (imports['wasi:cli/stdout'] as { getStdout(): { blockingWriteAndFlush(b: Uint8Array): void } }).getStdout();
  stdout.blockingWriteAndFlush(new TextEncoder().encode('one\ntw'));
  stdout.blockingWriteAndFlush(new TextEncoder().encode('o\n'));
  assert.deepEqual(lines, ['info:one', 'info:two']);
});
