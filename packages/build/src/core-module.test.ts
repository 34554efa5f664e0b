import assert from 'node:assert/strict';
import { test } from 'node:test';
import wabt from 'wabt';
import { checkServletModule } from './core-module.js';

async function wat(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const { buffer } = (await wabt()).parseWat('test.wat', text).toBinary({});
  return new Uint8Array(buffer);
}

const fn = (name: string) => `(func (export "${name}") (result i32) i32.const 0)`;

test('a module exporting mcp.run or hyper-mcp v2 with its memory passes', async () => {
  checkServletModule(await wat(`(module (memory (export "memory") 1) ${fn('describe')} ${fn('call')})`), 'C');
  checkServletModule(await wat(`(module (memory (export "memory") 1) ${fn('list_tools')} ${fn('call_tool')} ${fn('list_prompts')})`), 'C');
});

test('a module exporting no servlet interface is refused with what it does export', async () => {
  await assert.rejects(
    async () => checkServletModule(await wat(`(module (memory (export "memory") 1) ${fn('count_vowels')})`), 'C'),
    /the servlet exports count_vowels, which is no servlet interface: export mcp\.run \(describe, call\) or hyper-mcp v2 \(list_tools, call_tool\)/,
  );
  await assert.rejects(async () => checkServletModule(await wat(`(module ${fn('describe')} ${fn('call')})`), 'C'), /exports no memory/);
  assert.throws(() => checkServletModule(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]), 'C'), /produced an invalid module/);
});
