/**
 * Parity with `@modelcontextprotocol/server-filesystem`: the native server (node, its root a
 * temporary directory) and our filesystem servlet (built from source, `mcp-wasm install
 * --mount DIR:/data --yes`, `mcp-wasm serve`) get two identical fixture trees and the same sequence
 * of calls from the official SDK client, and must list the same tools and return the same results
 * (text, structured content, isError), and leave the same files on disk.
 *
 * What is normalised, and why (nothing else is):
 * - paths: the native server shows host paths, ours guest paths, so its root reads as /data (and
 *   the directory above its root as the guest's `/`, for a `..` escape);
 * - tool names: ours carry the `filesystem__` prefix; `$schema`: the native SDK writes draft-07,
 *   ours draft 2020-12; `execution` (tasks support): our gateway offers no tasks;
 * - an invalid-arguments error: each SDK words its own validation message; the native wording
 *   (`MCP error -32602: Input validation error: … at edits[0].newText`) is rewritten to ours
 *   (`…: edits.0.newText: …`), and the tool, field and zod's message must all be equal;
 * - get_file_info: the times differ between two trees; WASI reports no creation time and no mode
 *   bits, so ours says `created: unknown` and the grant (`permissions: read-write`);
 * - a text result that starts with a byte-order mark: jco's string lifting (a default TextDecoder)
 *   drops a leading U+FEFF from any WIT string, a host-side defect; the structured content, which
 *   carries the same text inside JSON, proves the servlet read it.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet, ROOT } from '../support/servlets.js';

const PREFIX = 'filesystem__';
const NATIVE = join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-filesystem', 'dist', 'index.js');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

type CallResult = Awaited<ReturnType<Client['callTool']>>;

/** The same files in both trees. */
function makeTree(root: string): void {
  const files: Record<string, string | Buffer> = {
    'a.txt': 'line1\nline2\nline3\n',
    'crlf.txt': 'one\r\ntwo\r\nthree\r\n',
    'bom.txt': '\uFEFFbom first\nsecond\n',
    'utf8.txt': 'héllo wörld ✓\nzweite Zeile\n',
    'big.txt': `${'x'.repeat(2500)}\n`,
    'empty.txt': '',
    'Zeta.txt': 'Z',
    '_under.txt': 'u',
    'beta.txt': 'b',
    'code.js': "function greet(name) {\n    if (name) {\n        return 'Hello, ' + name;\n    }\n    return 'Hello';\n}\n",
    'pixel.png': PNG,
    'sound.wav': Buffer.from('RIFF0000WAVEfmt '),
    'data.bin': Buffer.from([0, 1, 2, 250, 255]),
    'sub/b.md': '# b\n',
    'sub/deep/c.md': '# c\n',
    'sub/deep/d.txt': 'd\n',
    'node_modules/pkg/index.js': 'module.exports = 1;\n',
    '.hidden/e.md': '# e\n',
  };
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

/** Every file under `root` with its content, for comparing the trees on disk. */
function snapshot(root: string, prefix = ''): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of readdirSync(join(root, prefix), { withFileTypes: true })) {
    const name = join(prefix, entry.name);
    if (entry.isDirectory()) Object.assign(result, snapshot(root, name), { [`${name}/`]: '(dir)' });
    else result[name] = readFileSync(join(root, name), 'base64');
  }
  return result;
}

let base: string;
let nativeRoot: string;
let oursRoot: string;
let native: Client;
let ours: Connection;

/** A JSON Schema without `$schema` (see the module comment). */
function schema(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const { $schema: _draft, ...rest } = value as Record<string, unknown>;
  return rest;
}

/** The native result with host paths as guest paths, and its validation wording as ours (see the module comment). */
function normaliseNative(result: CallResult): unknown {
  const text = JSON.stringify(result).replaceAll(nativeRoot, '/data').replaceAll(base, '');
  const parsed = JSON.parse(text) as CallResult;
  for (const block of parsed.content as { type: string; text?: string }[]) {
    const invalid = /^MCP error -32602: Input validation error: (Invalid arguments for tool \w+): (.*) at (\S+)$/.exec(block.text ?? '');
    if (invalid) block.text = `${invalid[1]}: ${invalid[3]!.replace(/\[(\d+)\]/g, '.$1')}: ${invalid[2]}`;
  }
  return parsed;
}

/** get_file_info's lines that cannot be equal (see the module comment). */
function withoutTimes(result: unknown): unknown {
  return JSON.parse(JSON.stringify(result).replace(/(created|modified|accessed|permissions): [^\\"]*/g, '$1: …'));
}

/** Calls `tool` on both servers (`$ROOT` in arguments is each one's root) and asserts equal results. */
async function same(tool: string, args: Record<string, unknown>, normalise: (result: unknown) => unknown = (result) => result): Promise<CallResult> {
  const argsFor = (root: string) => JSON.parse(JSON.stringify(args).replaceAll('$ROOT', root)) as Record<string, unknown>;
  const theirs = await native.callTool({ name: tool, arguments: argsFor(nativeRoot) });
  const mine = await ours.client.callTool({ name: PREFIX + tool, arguments: argsFor('/data') });
  assert.deepEqual(normalise(mine), normalise(normaliseNative(theirs)), `${tool} ${JSON.stringify(args)}`);
  return mine;
}

/** Like `same`, for a call that must fail on both, with the given text. */
async function sameError(tool: string, args: Record<string, unknown>, text: string | RegExp): Promise<void> {
  const result = await same(tool, args);
  assert.equal(result.isError, true, JSON.stringify(result));
  const message = (result.content as { text: string }[])[0]!.text;
  if (typeof text === 'string') assert.equal(message, text);
  else assert.match(message, text);
}

before(async () => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'mcp-wasm-parity-fs-')));
  nativeRoot = join(base, 'native');
  oursRoot = join(base, 'ours');
  makeTree(nativeRoot);
  makeTree(oursRoot);
  const transport = new StdioClientTransport({ command: process.execPath, args: [NATIVE, nativeRoot], stderr: 'pipe' });
  native = new Client({ name: 'parity-test', version: '1.0.0' });
  await native.connect(transport);
  const home = temporaryHome();
  const installed = runCli(['install', await builtServlet('filesystem'), '--mount', `${oursRoot}:/data`, '--yes'], { home });
  assert.equal(installed.status, 0, installed.stderr);
  ours = await connect(['serve'], home);
});

after(async () => {
  await native?.close();
  await ours?.client.close();
});

describe('parity with server-filesystem', () => {
  test('the same tools: names (modulo our prefix), titles, descriptions, schemas, annotations', async () => {
    const theirs = (await native.listTools()).tools;
    const mine = (await ours.client.listTools()).tools.filter((tool) => tool.name.startsWith(PREFIX));
    assert.deepEqual(
      mine.map((tool) => tool.name.slice(PREFIX.length)),
      theirs.map((tool) => tool.name),
    );
    for (const [index, tool] of theirs.entries()) {
      const counterpart = mine[index]!;
      assert.equal(counterpart.title, tool.title, tool.name);
      assert.equal(counterpart.description, tool.description, tool.name);
      assert.deepEqual(schema(counterpart.inputSchema), schema(tool.inputSchema), tool.name);
      assert.deepEqual(schema(counterpart.outputSchema), schema(tool.outputSchema), tool.name);
      assert.deepEqual(counterpart.annotations, tool.annotations, tool.name);
    }
  });

  test('reading text: whole, head, tail, several files, encodings, line endings', async () => {
    await same('read_text_file', { path: '$ROOT/a.txt' });
    await same('read_file', { path: '$ROOT/a.txt' });
    await same('read_text_file', { path: 'a.txt', head: 2 });
    await same('read_text_file', { path: '$ROOT/a.txt', tail: 2 });
    await same('read_text_file', { path: '$ROOT/a.txt', tail: 1 });
    await same('read_text_file', { path: '$ROOT/a.txt', head: 0 });
    await same('read_text_file', { path: '$ROOT/crlf.txt', head: 2 });
    await same('read_text_file', { path: '$ROOT/crlf.txt', tail: 2 });
    await same('read_text_file', { path: '$ROOT/utf8.txt' });
    await same('read_text_file', { path: '$ROOT/big.txt', tail: 1 });
    await same('read_text_file', { path: '$ROOT/empty.txt', tail: 3 });
    await same('read_text_file', { path: '$ROOT/sub/deep/d.txt', head: 10 });
    const bom = await same('read_text_file', { path: '$ROOT/bom.txt' }, (result) =>
      JSON.parse(JSON.stringify(result).replace(/"text":"\uFEFF/g, '"text":"')),
    );
    assert.deepEqual(bom.structuredContent, { content: '\uFEFFbom first\nsecond\n' });
    await same('read_multiple_files', { paths: ['$ROOT/a.txt', 'utf8.txt', '$ROOT/missing.txt', '/etc/passwd'] });
  });

  test('reading media: image, audio, other files as an embedded resource', async () => {
    const image = await same('read_media_file', { path: '$ROOT/pixel.png' });
    assert.deepEqual(image.content, [{ type: 'image', data: PNG.toString('base64'), mimeType: 'image/png' }]);
    await same('read_media_file', { path: '$ROOT/sound.wav' });
    await same('read_media_file', { path: '$ROOT/data.bin' });
  });

  test('listing: plain, with sizes by name and by size, tree with excludes', async () => {
    await same('list_directory', { path: '$ROOT' });
    await same('list_directory', { path: '$ROOT/sub' });
    await same('list_directory_with_sizes', { path: '$ROOT' });
    await same('list_directory_with_sizes', { path: '$ROOT', sortBy: 'size' });
    await same('directory_tree', { path: '$ROOT' });
    await same('directory_tree', { path: '$ROOT', excludePatterns: ['node_modules', '.hidden'] });
    await same('directory_tree', { path: '$ROOT', excludePatterns: ['*.md', '**/deep/**'] });
    await same('directory_tree', { path: 'sub', excludePatterns: ['deep'] });
  });

  test('searching: globs, braces, dot files, excludes, no match', async () => {
    await same('search_files', { path: '$ROOT', pattern: '**/*.md' });
    await same('search_files', { path: '$ROOT', pattern: '*.txt' });
    await same('search_files', { path: '$ROOT', pattern: '**/*.{js,md}', excludePatterns: ['node_modules/**', '.hidden'] });
    await same('search_files', { path: '$ROOT/sub', pattern: '**/d*', excludePatterns: [] });
    await same('search_files', { path: '$ROOT', pattern: '**/*.md', excludePatterns: ['**/deep'] });
    await same('search_files', { path: '$ROOT', pattern: '*.nothing' });
  });

  test('file info and allowed directories', async () => {
    const info = await same('get_file_info', { path: '$ROOT/a.txt' }, withoutTimes);
    assert.match((info.content as { text: string }[])[0]!.text, /^size: 18\ncreated: unknown\nmodified: .+\naccessed: .+\nisDirectory: false\nisFile: true\npermissions: read-write$/);
    await same('get_file_info', { path: '$ROOT/sub' }, withoutTimes);
    await same('list_allowed_directories', {});
  });

  test('writing, creating directories, editing with a dry-run diff, moving', async () => {
    await same('write_file', { path: '$ROOT/new.txt', content: 'fresh\ncontent\n' });
    await same('write_file', { path: 'a.txt', content: 'replaced\n' });
    await same('create_directory', { path: '$ROOT/made/nested/deeper' });
    await same('create_directory', { path: '$ROOT/made' });
    await same('edit_file', { path: '$ROOT/code.js', edits: [{ oldText: "return 'Hello';", newText: "return 'Hi';" }], dryRun: true });
    await same('read_text_file', { path: '$ROOT/code.js' });
    // Whitespace-flexible matching keeps the file's indentation; several edits apply in order.
    await same('edit_file', {
      path: '$ROOT/code.js',
      edits: [
        { oldText: "if (name) {\n  return 'Hello, ' + name;\n}", newText: "if (name) {\n  return `Hello, ${name}!`;\n}" },
        { oldText: 'function greet(name) {', newText: 'export function greet(name) {' },
      ],
    });
    await same('edit_file', { path: '$ROOT/crlf.txt', edits: [{ oldText: 'two\nthree', newText: 'TWO' }] });
    await same('edit_file', { path: '$ROOT/bom.txt', edits: [{ oldText: 'second', newText: 'has ```fences```' }] });
    await same('move_file', { source: '$ROOT/new.txt', destination: '$ROOT/made/moved.txt' });
    await same('move_file', { source: '$ROOT/sub/deep', destination: '$ROOT/deep-moved' });
    await same('directory_tree', { path: '$ROOT' });
    assert.deepEqual(snapshot(oursRoot), snapshot(nativeRoot));
  });

  test('bad input: missing files, directories, existing destinations, unmatched edits', async () => {
    await sameError('read_text_file', { path: '$ROOT/missing.txt' }, "ENOENT: no such file or directory, open '/data/missing.txt'");
    await sameError('read_text_file', { path: '$ROOT/sub' }, 'EISDIR: illegal operation on a directory, read');
    await sameError('read_text_file', { path: '$ROOT/a.txt', head: 1, tail: 1 }, 'Cannot specify both head and tail parameters simultaneously');
    await sameError('read_media_file', { path: '$ROOT/missing.png' }, "ENOENT: no such file or directory, open '/data/missing.png'");
    await sameError('list_directory', { path: '$ROOT/a.txt' }, "ENOTDIR: not a directory, scandir '/data/a.txt'");
    await sameError('list_directory', { path: '$ROOT/nowhere' }, "ENOENT: no such file or directory, scandir '/data/nowhere'");
    await sameError('get_file_info', { path: '$ROOT/missing' }, "ENOENT: no such file or directory, stat '/data/missing'");
    await sameError('write_file', { path: '$ROOT/no/such/dir/x.txt', content: 'x' }, "ENOENT: no such file or directory, open '/data/no/such/dir/x.txt'");
    await sameError('create_directory', { path: '$ROOT/a.txt' }, "EEXIST: file already exists, mkdir '/data/a.txt'");
    await sameError('edit_file', { path: '$ROOT/a.txt', edits: [{ oldText: 'not there', newText: 'x' }] }, 'Could not find exact match for edit:\nnot there');
    await sameError('move_file', { source: '$ROOT/a.txt', destination: '$ROOT/beta.txt' }, 'Destination already exists: /data/beta.txt');
    await sameError('move_file', { source: '$ROOT/missing', destination: '$ROOT/elsewhere' }, "ENOENT: no such file or directory, rename '/data/missing' -> '/data/elsewhere'");
  });

  test('bad input: paths outside the allowed directories', async () => {
    await sameError('read_text_file', { path: '/etc/passwd' }, 'Access denied - path outside allowed directories: /etc/passwd not in /data');
    await sameError('list_directory', { path: '/' }, 'Access denied - path outside allowed directories: / not in /data');
    await sameError('read_text_file', { path: '$ROOT/../ours/a.txt' }, 'Access denied - path outside allowed directories: /ours/a.txt not in /data');
    await sameError('write_file', { path: '../escape.txt', content: 'x' }, 'Access denied - path outside allowed directories: /escape.txt not in /data');
    await sameError('move_file', { source: '$ROOT/a.txt', destination: '/tmp/stolen.txt' }, 'Access denied - path outside allowed directories: /tmp/stolen.txt not in /data');
    await sameError('search_files', { path: '/etc', pattern: '*' }, 'Access denied - path outside allowed directories: /etc not in /data');
    await sameError('read_text_file', { path: 'C:\\Windows\\win.ini' }, 'Access denied - Windows-style path received on a POSIX host: C:\\Windows\\win.ini');
  });

  test('bad input: invalid arguments', async () => {
    await sameError('read_text_file', {}, 'Invalid arguments for tool read_text_file: path: Invalid input: expected string, received undefined');
    await sameError('read_text_file', { path: 5 }, 'Invalid arguments for tool read_text_file: path: Invalid input: expected string, received number');
    await sameError('read_multiple_files', { paths: [] }, 'Invalid arguments for tool read_multiple_files: paths: Too small: expected array to have >=1 items');
    await sameError('list_directory_with_sizes', { path: '$ROOT', sortBy: 'date' }, /^Invalid arguments for tool list_directory_with_sizes: sortBy: /);
    await sameError('edit_file', { path: '$ROOT/a.txt', edits: [{ oldText: 'x' }] }, /^Invalid arguments for tool edit_file: edits\.0\.newText: /);
  });
});
