/**
 * The host core must run outside Node (browsers, Deno, Bun): its built output may import no Node
 * module and touch no Node global. The lint rule stops it in source; this checks what ships.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist', import.meta.url));

function builtFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? builtFiles(join(dir, entry.name)) : entry.name.endsWith('.js') ? [join(dir, entry.name)] : [],
  );
}

test('the built host core imports no Node module and uses no Node global', () => {
  const files = builtFiles(dist);
  assert.ok(files.length > 5, 'the host core is built');
  const nodeModules = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
  for (const file of files) {
    // Comments may mention Node; only code counts.
    const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, specifier] of source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)) {
      assert.ok(!nodeModules.has(specifier!), `${file} imports ${specifier}`);
    }
    assert.doesNotMatch(source, /\b(process|Buffer|__dirname|__filename|require)\s*[.(]/, `${file} uses a Node global`);
  }
});
