/**
 * A second start reuses the transpile cache: observed through the cache directory (the same
 * entry, files not rewritten), not through timing.
 */
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { builtServlet } from '../support/servlets.js';

function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const stat = statSync(path);
    files[path] = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  }
  return files;
}

test('a second start reuses the transpiled component from the cache', async () => {
  const home = temporaryHome();
  const component = await builtServlet('hello');
  const cache = join(home, 'cache', 'transpiled');

  const first = runCli(['call', component, 'greet', '{"name":"cache"}'], { home });
  assert.equal(first.status, 0, first.stderr);
  const entries = readdirSync(cache);
  assert.equal(entries.length, 1, `one cache entry, got ${entries.join(', ')}`);
  assert.ok(readdirSync(join(cache, entries[0]!)).includes('component.js'));
  const before = snapshot(cache);

  const second = runCli(['call', component, 'greet', '{"name":"cache"}'], { home });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stdout.trim(), 'Hello, cache!');
  assert.deepEqual(snapshot(cache), before, 'nothing in the cache was written again');
});
