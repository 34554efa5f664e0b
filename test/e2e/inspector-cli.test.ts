/**
 * A second, independent MCP client: the official MCP Inspector's CLI (`--cli`, one process per
 * method, `--format json`) drives `mcp-wasm serve` over stdio with the hello and faulty servlets
 * installed, and `mcp-wasm serve --http` in HTTP mode with the bearer token. It proves the server interoperates with the Inspector as well as with the SDK client of
 * stdio-gateway.test.ts: tools, structured content, resources, prompts, a trapping tool and errors.
 * The Inspector needs Node >= 22, so it runs on the node@22 binary installed in tools/node22; the server
 * runs on the Node that runs the tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, runCli, temporaryHome } from '../support/cli.js';
import { startHttpServe, type HttpServe } from '../support/http-serve.js';
import { builtServlet, ROOT } from '../support/servlets.js';

/** The bin a package declares, as an absolute path inside tools/node22 (installed by `npm install`). */
function packageBin(pkg: string, bin: string): string {
  const dir = join(ROOT, 'tools', 'node22', 'node_modules', ...pkg.split('/'));
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  return join(dir, manifest.bin[bin]!);
}

const NODE22 = packageBin('node', 'node');
const INSPECTOR = packageBin('@modelcontextprotocol/inspector', 'mcp-inspector');

interface Content { type: string; text?: string }
interface InspectorResult {
  serverInfo?: { name: string };
  tools?: { name: string; inputSchema: { required?: string[] }; outputSchema?: { type: string } }[];
  content?: Content[];
  structuredContent?: unknown;
  isError?: boolean;
  resources?: { uri: string }[];
  contents?: { uri: string; mimeType?: string; text?: string }[];
  prompts?: { name: string; arguments?: { name: string; required?: boolean }[] }[];
  messages?: { role: string; content: Content }[];
}
interface InspectorRun {
  status: number | null;
  /** The `result` of the JSON object on stdout, if any. */
  result?: InspectorResult;
  /** The `error` envelope the Inspector writes on stderr when it fails, if any. */
  error?: { code: string; message: string };
  stderr: string;
}

describe('mcp-wasm serve over stdio, with the MCP Inspector CLI', () => {
  const home = temporaryHome();
  // The Inspector's own state (catalog, client config) stays out of the real home directory.
  const inspectorState = mkdtempSync(join(tmpdir(), 'mcp-wasm-inspector-'));

  /** Runs one Inspector CLI method against a fresh `mcp-wasm serve` and parses its output. */
  function inspector(...args: string[]): InspectorRun {
    const run = spawnSync(
      NODE22,
      [INSPECTOR, '--cli', '--format', 'json', '-e', `MCP_WASM_HOME=${home}`, ...args, '--', process.execPath, CLI, 'serve'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
        env: {
          ...process.env,
          HOME: inspectorState,
          MCP_CATALOG_PATH: join(inspectorState, 'mcp.json'),
          MCP_CLIENT_CONFIG_PATH: join(inspectorState, 'client.json'),
        },
      },
    );
    assert.ifError(run.error);
    const stdout = run.stdout.trim();
    const errorLine = run.stderr.split('\n').reverse().find((line) => line.startsWith('{"error"'));
    return {
      status: run.status,
      result: stdout ? (JSON.parse(stdout) as { result: InspectorResult }).result : undefined,
      error: errorLine ? (JSON.parse(errorLine) as { error: InspectorRun['error'] }).error : undefined,
      stderr: run.stderr,
    };
  }

  /** Runs a method that must succeed, and returns its result. */
  function ok(...args: string[]): InspectorResult {
    const run = inspector(...args);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.result, `no result on stdout; stderr: ${run.stderr}`);
    return run.result;
  }

  before(async () => {
    const version = spawnSync(NODE22, ['--version'], { encoding: 'utf8', timeout: 30_000 });
    assert.match(version.stdout ?? '', /^v22\./, `the Node 22 binary of tools/node22 is missing (run npm install): ${NODE22}`);
    for (const name of ['hello', 'faulty'] as const) {
      const installed = runCli(['install', await builtServlet(name), '--name', name, '--yes'], { home });
      assert.equal(installed.status, 0, installed.stderr);
    }
  });

  test('initializes with the mcp-wasm server', () => {
    assert.equal(ok('--method', 'initialize').serverInfo?.name, 'mcp-wasm');
  });

  test('lists the tools of every servlet under prefixed names', () => {
    const { tools = [] } = ok('--method', 'tools/list');
    const names = tools.map((t) => t.name).sort();
    assert.deepEqual(names, ['faulty__state', 'faulty__throws', 'faulty__trap', 'hello__add', 'hello__count', 'hello__greet']);
    assert.deepEqual(tools.find((t) => t.name === 'hello__greet')?.inputSchema.required, ['name']);
    assert.equal(tools.find((t) => t.name === 'hello__add')?.outputSchema?.type, 'object');
  });

  test('calls a tool with text content', () => {
    const result = ok('--method', 'tools/call', '--tool-name', 'hello__greet', '--tool-arg', 'name=Ada');
    assert.deepEqual(result.content, [{ type: 'text', text: 'Hello, Ada!' }]);
    assert.ok(!result.isError);
  });

  test('calls a tool with structured content, its key=value arguments typed by the schema', () => {
    const result = ok('--method', 'tools/call', '--tool-name', 'hello__add', '--tool-arg', 'a=2', 'b=3');
    assert.deepEqual(result.structuredContent, { sum: 5 });
  });

  test('lists and reads resources', () => {
    assert.deepEqual(ok('--method', 'resources/list').resources?.map((r) => r.uri), ['hello://readme']);
    const [readme] = ok('--method', 'resources/read', '--uri', 'hello://readme').contents ?? [];
    assert.equal(readme?.uri, 'hello://readme');
    assert.equal(readme?.mimeType, 'text/markdown');
    assert.match(readme?.text ?? '', /^# hello/);
  });

  test('lists and gets a prompt', () => {
    const { prompts = [] } = ok('--method', 'prompts/list');
    assert.deepEqual(prompts.map((p) => p.name), ['hello__welcome']);
    assert.deepEqual(prompts[0]!.arguments?.map((a) => [a.name, a.required]), [['name', true], ['language', false]]);
    const { messages = [] } = ok('--method', 'prompts/get', '--prompt-name', 'hello__welcome', '--prompt-args', 'name=Grace');
    assert.equal(messages[0]?.role, 'user');
    assert.match(messages[0]?.content.text ?? '', /welcome message for Grace/);
  });

  test('a trapping tool yields an isError result', () => {
    const run = inspector('--method', 'tools/call', '--tool-name', 'faulty__trap');
    assert.equal(run.status, 5, 'the Inspector exits 5 (tool error) on an isError result');
    assert.equal(run.result?.isError, true);
    assert.match(run.result?.content?.[0]?.text ?? '', /Tool faulty__trap failed: servlet "faulty" stopped abnormally/);
    assert.equal(run.error?.code, 'tool_is_error');
  });

  test('an unknown tool is an error', () => {
    // The Inspector looks the tool up in tools/list first, so this call never reaches the server.
    const run = inspector('--method', 'tools/call', '--tool-name', 'hello__nope');
    assert.equal(run.status, 5);
    assert.equal(run.result, undefined);
    assert.deepEqual(run.error, { code: 'tool_not_found', message: "Tool 'hello__nope' not found on server." });
  });

  test("the server's protocol errors reach the Inspector", () => {
    const resource = inspector('--method', 'resources/read', '--uri', 'nowhere://x');
    assert.equal(resource.status, 1);
    assert.match(resource.error?.message ?? '', /Resource not found: nowhere:\/\/x/);
    const prompt = inspector('--method', 'prompts/get', '--prompt-name', 'nope');
    assert.equal(prompt.status, 1);
    assert.match(prompt.error?.message ?? '', /Unknown prompt: nope/);
  });
});

describe('mcp-wasm serve --http, with the MCP Inspector CLI in HTTP mode', () => {
  const home = temporaryHome();
  const inspectorState = mkdtempSync(join(tmpdir(), 'mcp-wasm-inspector-'));
  let serve: HttpServe;

  /** Runs one Inspector CLI method against the running server, with `headers`. */
  function inspector(headers: string[], ...args: string[]) {
    const run = spawnSync(NODE22, [INSPECTOR, '--cli', '--format', 'json', serve.url.href, '--transport', 'http', ...headers.flatMap((header) => ['--header', header]), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, HOME: inspectorState, MCP_CATALOG_PATH: join(inspectorState, 'mcp.json'), MCP_CLIENT_CONFIG_PATH: join(inspectorState, 'client.json') },
    });
    assert.ifError(run.error);
    return { status: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
  }

  before(async () => {
    assert.equal(runCli(['install', await builtServlet('hello'), '--name', 'hello', '--yes'], { home }).status, 0);
    serve = await startHttpServe(home);
  });
  after(() => serve.stop());

  test('lists and calls the servlets’ tools with the bearer token', () => {
    const authorization = `Authorization: Bearer ${serve.token}`;
    const listed = inspector([authorization], '--method', 'tools/list');
    assert.equal(listed.status, 0, listed.stderr);
    const { tools } = (JSON.parse(listed.stdout) as { result: InspectorResult }).result;
    assert.deepEqual(tools?.map((t) => t.name).sort(), ['hello__add', 'hello__count', 'hello__greet']);
    const called = inspector([authorization], '--method', 'tools/call', '--tool-name', 'hello__greet', '--tool-arg', 'name=HTTP');
    assert.equal(called.status, 0, called.stderr);
    assert.deepEqual((JSON.parse(called.stdout) as { result: InspectorResult }).result.content, [{ type: 'text', text: 'Hello, HTTP!' }]);
  });

  test('without the token the Inspector is refused', () => {
    const run = inspector([], '--method', 'tools/list');
    assert.notEqual(run.status, 0);
    assert.equal(run.stdout, '');
  });
});
