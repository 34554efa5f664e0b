import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { BuildError } from './build-error.js';
import { detectLanguage } from './language.js';

function servletDir(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wasm-language-'));
  for (const file of files) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), '');
  }
  return dir;
}

test('the language follows from the directory: assembly/ or asconfig.json, src/*.c, else TypeScript', async () => {
  const none = { capabilities: {} };
  assert.equal(await detectLanguage(servletDir(['assembly/index.ts']), none), 'assemblyscript');
  assert.equal(await detectLanguage(servletDir(['asconfig.json']), none), 'assemblyscript');
  assert.equal(await detectLanguage(servletDir(['src/main.c', 'src/util.h']), none), 'c');
  assert.equal(await detectLanguage(servletDir(['src/index.ts']), none), 'typescript');
  assert.equal(await detectLanguage(servletDir([]), none), 'typescript', 'the TypeScript build says what is missing');
});

test('a directory that looks like two languages must name one in servlet.json', async () => {
  const both = servletDir(['src/index.ts', 'src/main.c']);
  await assert.rejects(detectLanguage(both, { capabilities: {} }), (error: unknown) => {
    assert.ok(error instanceof BuildError);
    assert.match(error.message, /holds C \(src\/\*\.c\) and TypeScript \(src\/index\.ts\): say which to build with "language"/);
    return true;
  });
  assert.equal(await detectLanguage(both, { capabilities: {}, language: 'c' }), 'c');
});
