/**
 * The fetch servlet (servlets/fetch) through `mcp-wasm install --allow-host … --yes` and a real
 * `mcp-wasm serve`, with the official SDK client, against real HTTP servers on loopback.
 *
 * The shipped manifest requests `https://*` (any public https website, narrowed at install), and
 * loopback is reachable only when granted by address, which `https://*` never does. So the
 * servlet's own source is also built with a test manifest (its limits, and two loopback origins on
 * fixed ports): `GRANTED` (granted at install) and `REQUESTED` (requested, never granted). A third
 * server on a free port is requested by nobody. Each refusal is shown three ways: the message names
 * the missing grant, the server saw no request, and the audit log has a `denied` line.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { buildFromSource, builtServlet, SERVLET_DIRS } from '../support/servlets.js';

/** Ports the test manifest names (net-probe's tests use 47381). */
const GRANTED_PORT = 47391;
const REQUESTED_PORT = 47392;
const GRANTED = `http://127.0.0.1:${GRANTED_PORT}`;
const REQUESTED = `http://127.0.0.1:${REQUESTED_PORT}`;

const ARTICLE = `<!doctype html><html><head><title>Guide</title><style>p { color: red }</style><script>var tracking = 1;</script></head>
<body><nav><a href="/home">Home</a> | <a href="/about">About</a></nav>
<main><h1>Getting started</h1><p>Read the <a href="https://example.com/docs">documentation</a> first.</p>
<h2>Steps</h2><ul><li>Install</li><li>Configure</li></ul>
<pre><code class="language-js">const answer = 42;</code></pre></main><footer>© 2025</footer></body></html>`;

/** A long page of numbered paragraphs, to paginate. */
const LONG = `<html><body>${Array.from({ length: 300 }, (_, i) => `<p>Paragraph ${i}: ${'lorem ipsum '.repeat(3)}</p>`).join('')}</body></html>`;

/** A 1×1 PNG's first bytes, enough to be binary. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1]);

interface Seen {
  server: string;
  path: string;
}

/** Starts one loopback server answering the pages above; `seen` records every request. */
function serve(name: string, port: number, seen: Seen[]): Promise<Server> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    seen.push({ server: name, path: url.pathname + url.search });
    const send = (type: string, body: string | Buffer) => {
      response.setHeader('content-type', type);
      response.end(body);
    };
    switch (url.pathname) {
      case '/article.html':
        return send('text/html; charset=utf-8', ARTICLE);
      case '/long.html':
        return send('text/html', LONG);
      case '/data.json':
        return send('application/json', JSON.stringify({ from: name, items: [1, 2, 3] }));
      case '/notes.txt':
        return send('text/plain; charset=utf-8', 'plain text, déjà vu\n');
      case '/pixel.png':
        return send('image/png', PNG);
      case '/huge.txt':
        return send('text/plain', Buffer.alloc(5 * 1024 * 1024, 'a'));
      case '/huge.html':
        return send('text/html', `<html><body>${'<p>A <b>bold</b> <a href="/x">link</a> in a paragraph.</p>'.repeat(90_000)}</body></html>`);
      case '/too-big':
        return send('text/plain', Buffer.alloc(17 * 1024 * 1024, 'b'));
      case '/redirect':
        response.statusCode = 302;
        response.setHeader('location', url.searchParams.get('to') ?? '/');
        return response.end();
      default:
        response.statusCode = 404;
        return send('text/html', '<h1>Not found</h1><p>No such page.</p>');
    }
  });
  server.keepAliveTimeout = 100;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function text(result: CallToolResult | unknown): string {
  return ((result as CallToolResult).content ?? []).map((block) => ('text' in block ? block.text : '')).join('');
}

function deniedLines(home: string): { detail?: string; capability?: string }[] {
  return readFileSync(join(home, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { type: string; servlet: string; detail?: string; capability?: string })
    .filter((line) => line.type === 'denied' && line.servlet === 'fetch');
}

/** The fetch servlet's source with a manifest requesting the two loopback origins above. */
async function buildWithLoopbackManifest(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-wasm-fetch-loopback-'));
  cpSync(join(SERVLET_DIRS.fetch!, 'src'), join(dir, 'src'), { recursive: true });
  cpSync(join(SERVLET_DIRS.fetch!, 'package.json'), join(dir, 'package.json'));
  const shipped = JSON.parse(readFileSync(join(SERVLET_DIRS.fetch!, 'servlet.json'), 'utf8')) as { limits?: object };
  const manifest = {
    limits: shipped.limits,
    capabilities: {
      network: [
        { origin: GRANTED, purpose: 'the test server granted at install' },
        { origin: REQUESTED, purpose: 'a test server requested but not granted' },
      ],
    },
  };
  writeFileSync(join(dir, 'servlet.json'), JSON.stringify(manifest));
  return buildFromSource(dir);
}

describe('fetch servlet through mcp-wasm serve', () => {
  const seen: Seen[] = [];
  const servers: Server[] = [];
  let other: string;
  let home: string;
  let connection: Connection;

  async function fetchTool(args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
    const result = (await connection.client.callTool({ name: 'fetch__fetch', arguments: args }, { timeout: 60_000 })) as CallToolResult;
    return { text: text(result), isError: result.isError === true };
  }

  before(async () => {
    servers.push(await serve('granted', GRANTED_PORT, seen), await serve('requested', REQUESTED_PORT, seen), await serve('other', 0, seen));
    other = `http://127.0.0.1:${(servers[2]!.address() as { port: number }).port}`;
    home = temporaryHome();
    const installed = runCli(['install', await buildWithLoopbackManifest(), '--name', 'fetch', '--allow-host', GRANTED, '--yes'], { home });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, new RegExp(`granted: HTTP requests to ${GRANTED.replace(/\./g, '\\.')}\n`));
    connection = await connect(['serve'], home);
  });

  after(async () => {
    await connection?.transport.close();
    for (const server of servers) {
      server.closeAllConnections();
      server.close();
    }
  });

  test('HTML becomes Markdown: headings, links, lists and code kept; head, scripts, navigation and footer dropped', async () => {
    const page = await fetchTool({ url: `${GRANTED}/article.html` });
    assert.equal(page.isError, false);
    assert.equal(
      page.text,
      `Contents of ${GRANTED}/article.html:\n# Getting started\n\nRead the [documentation](https://example.com/docs) first.\n\n## Steps\n\n* Install\n* Configure\n\n\`\`\`js\nconst answer = 42;\n\`\`\``,
    );
  });

  test('raw mode returns the HTML as it is', async () => {
    const page = await fetchTool({ url: `${GRANTED}/article.html`, raw: true });
    assert.equal(page.isError, false);
    assert.equal(page.text, `Contents of ${GRANTED}/article.html:\n${ARTICLE}`);
  });

  test('pagination: windows of max_length from start_index join to the whole page, each saying where to continue', async () => {
    const whole = (await fetchTool({ url: `${GRANTED}/long.html`, max_length: 999_999 })).text.replace(`Contents of ${GRANTED}/long.html:\n`, '');
    assert.match(whole, /^Paragraph 0: lorem ipsum/);
    assert.match(whole, /Paragraph 299: lorem ipsum lorem ipsum lorem ipsum$/);
    let joined = '';
    let start = 0;
    let calls = 0;
    for (;;) {
      const page = await fetchTool({ url: `${GRANTED}/long.html`, start_index: start, max_length: 4000 });
      assert.equal(page.isError, false);
      const match = /\n\n<note>Content truncated: characters (\d+) to (\d+) of (\d+) shown\. Call fetch again with start_index=(\d+) to continue\.<\/note>$/.exec(page.text);
      const body = page.text.replace(`Contents of ${GRANTED}/long.html:\n`, '').replace(match?.[0] ?? '', '');
      joined += body;
      calls++;
      if (!match) break;
      assert.deepEqual([Number(match[1]), Number(match[2]), Number(match[3])], [start, start + 4000, whole.length]);
      start = Number(match[4]);
    }
    assert.equal(joined, whole);
    assert.equal(calls, Math.ceil(whole.length / 4000));
    const beyond = await fetchTool({ url: `${GRANTED}/long.html`, start_index: whole.length + 10 });
    assert.equal(beyond.isError, true);
    assert.match(beyond.text, /No more content available: the content has \d+ characters/);
  });

  test('text that is not HTML is returned as it is, with its type named', async () => {
    const json = await fetchTool({ url: `${GRANTED}/data.json` });
    assert.equal(json.isError, false);
    assert.equal(
      json.text,
      `<note>Content type application/json cannot be simplified to Markdown; here is the raw content.</note>\nContents of ${GRANTED}/data.json:\n{"from":"granted","items":[1,2,3]}`,
    );
    assert.match((await fetchTool({ url: `${GRANTED}/notes.txt` })).text, /\nplain text, déjà vu\n$/);
  });

  test('binary content is described, not returned', async () => {
    const image = await fetchTool({ url: `${GRANTED}/pixel.png` });
    assert.equal(image.isError, false);
    assert.match(image.text, /The response is binary content \(image\/png, 24 bytes\), which this tool does not return/);
  });

  test('size caps: the servlet reads at most 4 MiB of a body and converts at most 256 KiB of HTML; the host refuses a body over 16 MiB', async () => {
    const huge = await fetchTool({ url: `${GRANTED}/huge.txt`, start_index: 4 * 1024 * 1024 - 10, max_length: 100 });
    assert.equal(huge.isError, false);
    assert.match(huge.text, /^<note>The response has 5\.0 MiB; only its first 4\.0 MiB were read\.<\/note>\n/);
    assert.match(huge.text, /\naaaaaaaaaa$/, 'the content ends at 4 MiB');
    const hugeHtml = await fetchTool({ url: `${GRANTED}/huge.html`, max_length: 200 });
    assert.equal(hugeHtml.isError, false, hugeHtml.text);
    const notes = hugeHtml.text.split('\n').slice(0, 2);
    assert.match(notes[0]!, /^<note>The response has 5\.\d MiB; only its first 4\.0 MiB were read\.<\/note>$/);
    assert.match(notes[1]!, /^<note>Only the first 256 KiB of the page's HTML \(without scripts and styles\) were converted; \d+ characters more were left out\. raw=true returns the HTML as it is, up to 4\.0 MiB\.<\/note>$/);
    assert.match(hugeHtml.text, /:\nA \*\*bold\*\* \[link\]\(\/x\) in a paragraph\./);
    const tooBig = await fetchTool({ url: `${GRANTED}/too-big` });
    assert.equal(tooBig.isError, true);
    assert.match(tooBig.text, /is larger than mcp-wasm lets a servlet receive \(16 MiB/);
  });

  test('an error status is an isError result that still shows the page', async () => {
    const missing = await fetchTool({ url: `${GRANTED}/nowhere` });
    assert.equal(missing.isError, true);
    assert.equal(missing.text, `Failed to fetch ${GRANTED}/nowhere: status code 404. The response says:\n# Not found\n\nNo such page.`);
  });

  test('a host not granted is refused before any request, naming the grant that is missing, and audited', async () => {
    const before = seen.length;
    for (const origin of [REQUESTED, other]) {
      const refused = await fetchTool({ url: `${origin}/article.html` });
      assert.equal(refused.isError, true);
      assert.equal(
        refused.text,
        `Failed to fetch ${origin}/article.html: mcp-wasm refused ${origin}: this servlet was not granted that host. ` +
          `Grant it with \`mcp-wasm grant fetch --allow-host ${origin}\` (any https website can be granted; \`mcp-wasm info fetch\` shows what is granted now).`,
      );
      assert.ok(deniedLines(home).some((line) => line.capability === 'network' && line.detail?.includes(`${origin}/article.html`)), `a denied line for ${origin}`);
    }
    assert.deepEqual(seen.slice(before), [], 'no server saw a request');
  });

  test('a redirect to a host not granted is refused with the same explanation; the redirect target saw nothing', async () => {
    const before = seen.length;
    const refused = await fetchTool({ url: `${GRANTED}/redirect?to=${encodeURIComponent(`${REQUESTED}/article.html`)}` });
    assert.equal(refused.isError, true);
    assert.match(
      refused.text,
      new RegExp(
        `redirected to ${REQUESTED}/article\\.html, and mcp-wasm refused ${REQUESTED}: this servlet was not granted that host\\. Grant it with \`mcp-wasm grant fetch --allow-host ${REQUESTED}\``.replace(/\//g, '\\/'),
      ),
    );
    assert.deepEqual(seen.slice(before), [{ server: 'granted', path: `/redirect?to=${encodeURIComponent(`${REQUESTED}/article.html`)}` }]);
    assert.ok(deniedLines(home).some((line) => line.detail?.includes(`${REQUESTED}/article.html`)));
    const followed = await fetchTool({ url: `${GRANTED}/redirect?to=/data.json` });
    assert.match(followed.text, new RegExp(`Contents of ${GRANTED}/data\\.json:`), 'a redirect within the grant is followed');
  });

  test('once granted with the command the refusal names, the host is reached, without restarting serve', async () => {
    const granted = runCli(['grant', 'fetch', '--allow-host', REQUESTED], { home });
    assert.equal(granted.status, 0, granted.stderr);
    const page = await fetchTool({ url: `${REQUESTED}/data.json` });
    assert.equal(page.isError, false);
    assert.match(page.text, /\{"from":"requested","items":\[1,2,3\]\}$/);
  });
});

describe('the shipped fetch servlet', () => {
  test('installs with a narrowed host list, refuses loopback it does not request, and explains', async () => {
    const home = temporaryHome();
    const wasm = await builtServlet('fetch');
    const installed = runCli(['install', wasm, '--allow-host', 'https://en.wikipedia.org', '--allow-host', 'https://example.com', '--yes'], { home });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /granted: HTTP requests to https:\/\/en\.wikipedia\.org; HTTP requests to https:\/\/example\.com\n/);
    const widened = runCli(['grant', 'fetch', '--allow-host', 'http://127.0.0.1:47391'], { home });
    assert.notEqual(widened.status, 0, 'a grant never exceeds what the servlet requests');
    const another = runCli(['grant', 'fetch', '--allow-host', 'https://docs.python.org'], { home });
    assert.equal(another.status, 0, `any https website may be granted: ${another.stderr}`);
    const called = runCli(['call', 'fetch', 'fetch', JSON.stringify({ url: 'http://127.0.0.1:47391/article.html' })], { home });
    assert.match(called.stdout + called.stderr, /mcp-wasm refused http:\/\/127\.0\.0\.1:47391: this servlet was not granted that host/);
  });
});
