import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameTable, qualifiedName, TOOL_NAME_PATTERN } from './naming.js';

test('prefixes a tool with its servlet', () => {
  assert.equal(qualifiedName('hello', 'greet'), 'hello__greet');
});

test('every name is valid for model APIs, deterministic, and distinct for distinct originals', () => {
  const originals = ['read file', 'read_file', 'read.file', 'ünïcode', 'x'.repeat(200), `${'x'.repeat(199)}y`, '', 'a/b'];
  const names = originals.map((tool) => qualifiedName('files', tool));
  for (const name of names) assert.match(name, TOOL_NAME_PATTERN);
  assert.equal(new Set(names).size, originals.length);
  assert.deepEqual(originals.map((tool) => qualifiedName('files', tool)), names);
});

test('a second item wanting a taken name is refused, never overwriting the first', () => {
  const table = new NameTable();
  assert.deepEqual(table.add('a', 'b__c'), { name: 'a__b__c' });
  const second = table.add('a__b', 'c');
  assert.ok('collision' in second);
  assert.deepEqual(second.collision.kept, { servlet: 'a', item: 'b__c' });
  assert.deepEqual(table.resolve('a__b__c'), { servlet: 'a', item: 'b__c' });
});
