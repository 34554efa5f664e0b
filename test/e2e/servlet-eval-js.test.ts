/**
 * The eval-js servlet (servlets/eval-js), built from source, installed with `mcp-wasm install
 * --yes` and used through a real `mcp-wasm serve` with the official SDK client: results of every
 * kind, console output with levels, errors with name, message and stack, every way to reach files
 * or the network failing (its world imports neither), fresh globals per call, and the time and
 * memory limits ending a call cleanly with the next call working.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { readComponentInfo } from '@mcp-wasm/host';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

const TOOL = 'eval-js__evaluate';

function text(result: CallToolResult | unknown): string {
  return ((result as CallToolResult).content ?? []).map((block) => ('text' in block ? block.text : '')).join('');
}

describe('eval-js servlet through mcp-wasm serve', () => {
  let connection: Connection;
  let wasm: string;

  async function evaluate(code: string): Promise<{ text: string; isError: boolean }> {
    const result = (await connection.client.callTool({ name: TOOL, arguments: { code } }, { timeout: 60_000 })) as CallToolResult;
    return { text: text(result), isError: result.isError === true };
  }

  before(async () => {
    wasm = await builtServlet('eval-js');
    const home = temporaryHome();
    const installed = runCli(['install', wasm, '--yes'], { home });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /installed eval-js/);
    connection = await connect(['serve'], home);
  });

  after(async () => {
    await connection?.transport.close();
  });

  test('its component imports no filesystem, http, config or keyvalue interface', async () => {
    const imports = readComponentInfo(await readFile(wasm)).imports;
    for (const name of imports) assert.doesNotMatch(name, /^wasi:(filesystem|http|sockets|config|keyvalue)\//, `${name} is not in its world`);
  });

  test('results: numbers, strings, objects as JSON, undefined said as such', async () => {
    assert.deepEqual(await evaluate('6 * 7'), { text: 'Result (number): 42', isError: false });
    assert.deepEqual(await evaluate('"ab" + "c"'), { text: 'Result (string): "abc"', isError: false });
    assert.deepEqual(await evaluate('({ a: 1, list: [1, 2], big: 10n })'), {
      text: 'Result (Object): {\n  "a": 1,\n  "list": [\n    1,\n    2\n  ],\n  "big": "10n"\n}',
      isError: false,
    });
    assert.deepEqual(await evaluate('const o = {}; o.self = o; o'), { text: 'Result (Object): {\n  "self": "[Circular]"\n}', isError: false });
    assert.deepEqual(await evaluate('let x = 1'), { text: 'Result: undefined', isError: false });
    assert.deepEqual(await evaluate('function square(n) { return n * n }\n[1, 2, 3].map(square)'), { text: 'Result (array): [\n  1,\n  4,\n  9\n]', isError: false });
  });

  test('console output is returned with its levels, also when the code throws', async () => {
    const printed = await evaluate('console.log("hello", { n: 1 }); console.info("fyi"); console.warn("careful"); console.error("bad"); console.debug("detail"); "done"');
    assert.equal(printed.isError, false);
    assert.equal(printed.text, 'Result (string): "done"\n\nConsole output:\n[log] hello {\n  "n": 1\n}\n[info] fyi\n[warn] careful\n[error] bad\n[debug] detail');
    const thrown = await evaluate('console.log("before"); null.property');
    assert.equal(thrown.isError, true);
    assert.match(thrown.text, /^Uncaught TypeError: can.t access property "property" of null\n@<eval>:1:\d+\n\nConsole output:\n\[log\] before$/);
    assert.equal(connection.logs.length, 0, 'nothing printed went to the log instead');
  });

  test('a thrown error is an isError result with its name, message and the stack of the evaluated code', async () => {
    const thrown = await evaluate('function check(n) {\n  if (n > 1) throw new RangeError(`too big: ${n}`);\n}\ncheck(5)');
    assert.equal(thrown.isError, true);
    assert.equal(thrown.text, 'Uncaught RangeError: too big: 5\ncheck@<eval>:2:20\n@<eval>:4:6');
    assert.deepEqual(await evaluate('throw 42'), { text: 'Uncaught 42 (a thrown value that is not an Error)', isError: true });
    const syntax = await evaluate('let = ;');
    assert.equal(syntax.isError, true);
    assert.match(syntax.text, /^Uncaught SyntaxError: /);
  });

  test('files and network are out of reach: fetch, require, import(), and an import built at run time', async () => {
    const fetched = await evaluate('fetch("https://example.com/")');
    assert.equal(fetched.isError, true);
    assert.match(fetched.text, /^Uncaught Error: fetch is not available in eval-js: this servlet has no network access/);
    const required = await evaluate('require("fs")');
    assert.equal(required.isError, true);
    assert.match(required.text, /^Uncaught ReferenceError: require is not defined\n/);
    for (const code of ['import("node:fs")', 'import("wasi:filesystem/preopens@0.2.12")']) {
      const imported = await evaluate(code);
      assert.equal(imported.isError, true);
      assert.match(imported.text, /^Uncaught NotAvailable: import\(\) is not available \(at character 0\): eval-js has no modules, files or network/);
    }
    assert.match((await evaluate('import fs from "node:fs"; fs')).text, /^Uncaught NotAvailable: import and export declarations are not available/);
    for (const name of ['process', 'require', 'Deno', 'Bun', 'XMLHttpRequest', 'WebSocket']) {
      assert.deepEqual(await evaluate(`typeof ${name}`), { text: 'Result (string): "undefined"', isError: false }, name);
    }
    // An import() the static check cannot see: the engine cannot load any module, the instance
    // ends, the call fails, and the next call runs in a fresh one.
    const hidden = await evaluate('eval("imp" + "ort(\\"wasi:filesystem/preopens@0.2.12\\")")');
    assert.equal(hidden.isError, true);
    assert.match(hidden.text, /stopped abnormally/);
    assert.deepEqual(await evaluate('1 + 1'), { text: 'Result (number): 2', isError: false });
  });

  test('each call starts fresh: declarations, new globals and changed built-ins are gone', async () => {
    const first = await evaluate('var declared = 1; let scoped = 2; implicit = 3; globalThis.assigned = 4; Array.prototype.extra = 5; Math.max = () => -1; JSON.stringify = () => "lie"; "changed"');
    assert.deepEqual(first, { text: 'Result (string): "changed"', isError: false });
    assert.deepEqual(await evaluate('[typeof declared, typeof scoped, typeof implicit, typeof assigned, typeof [].extra, Math.max(1, 2), JSON.stringify([1])]'), {
      text: 'Result (array): [\n  "undefined",\n  "undefined",\n  "undefined",\n  "undefined",\n  "undefined",\n  2,\n  "[1]"\n]',
      isError: false,
    });
    assert.deepEqual(await evaluate('let scoped = "again"; scoped'), { text: 'Result (string): "again"', isError: false }, 'no redeclaration error');
  });

  test('promises are not awaited and timers are refused, each saying why', async () => {
    const promise = await evaluate('(async () => 1)()');
    assert.equal(promise.isError, false);
    assert.match(promise.text, /^Result \(Promise\): Promise \{ <pending> \}\n\nNote: The result is a promise: evaluation is synchronous/);
    assert.match((await evaluate('await 1')).text, /^Uncaught NotAvailable: top-level await is not available/);
    assert.match((await evaluate('setTimeout(() => {}, 10)')).text, /^Uncaught Error: setTimeout is not available in eval-js: evaluation is synchronous/);
  });

  test('an endless loop is ended at the 10 s deadline, and the next call works', async () => {
    const spun = await evaluate('while (true) {}');
    assert.equal(spun.isError, true);
    assert.match(spun.text, /exceeded its time limit of 10000 ms/);
    assert.deepEqual(await evaluate('"still here"'), { text: 'Result (string): "still here"', isError: false });
  });

  test('a huge allocation ends at the memory limit, and the next call works', async () => {
    const allocated = await evaluate('const hoard = []; for (;;) hoard.push(new Array(1 << 20).fill(7))');
    assert.equal(allocated.isError, true);
    assert.match(allocated.text, /ran out of memory: it reached its memory limit of 256 MiB/);
    assert.deepEqual(await evaluate('[1, 2].length'), { text: 'Result (number): 2', isError: false });
  });
});
