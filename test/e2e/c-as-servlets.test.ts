/**
 * Servlets written in C (mcp.run interface) and AssemblyScript (hyper-mcp v2), built from source
 * with `mcp-wasm build`'s pipeline, installed with the real CLI and used through a real
 * `mcp-wasm serve` by the official MCP client: files under a granted mount and fetches from a
 * granted origin work; a path outside the mount, an origin outside the grant and a revoked grant
 * are refused (the refused request never reaches its server) and audited; v2 prompts and
 * resources reach the client.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, temporaryHome } from '../support/cli.js';
import { startTestServers, type TestServers } from '../support/http-servers.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

/** The loopback ports the fixtures' manifests request (test/fixtures/servlets-{c,as}/…/servlet.json). */
const PORTS = { 'c-probe': 47391, 'as-probe': 47392 } as const;

interface AuditLine {
  type: string;
  servlet: string;
  capability?: string;
  detail?: string;
}

function denials(home: string, servlet: string): AuditLine[] {
  return readFileSync(join(home, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as AuditLine)
    .filter((line) => line.type === 'denied' && line.servlet === servlet);
}

function install(home: string, file: string, ...flags: string[]): void {
  const result = runCli(['install', file, ...flags], { home });
  assert.equal(result.status, 0, result.stderr);
}

/** A data directory to mount, with a secret beside it (outside the mount) that must stay out of reach. */
function dataDirectory(): { data: string; secret: string } {
  const parent = mkdtempSync(join(tmpdir(), 'mcp-wasm-c-as-'));
  const data = join(parent, 'data');
  mkdirSync(data);
  writeFileSync(join(data, 'note.txt'), 'kept safe\n');
  writeFileSync(join(parent, 'secret.txt'), 'never-shown-7731');
  return { data, secret: 'never-shown-7731' };
}

/** The text of a tool result, and whether it is an error; a protocol error counts as an error too. */
async function callText(connection: Connection, name: string, args: Record<string, unknown>): Promise<{ text: string; isError: boolean }> {
  try {
    const result = await connection.client.callTool({ name, arguments: args });
    const text = (result.content as { type: string; text?: string }[]).map((block) => block.text ?? '').join('');
    return { text, isError: result.isError === true };
  } catch (error) {
    return { text: (error as Error).message, isError: true };
  }
}

for (const servlet of ['c-probe', 'as-probe'] as const) {
  const port = PORTS[servlet];
  describe(`${servlet} (${servlet === 'c-probe' ? 'C, mcp.run v0' : 'AssemblyScript, hyper-mcp v2'})`, () => {
    let servers: TestServers;
    before(async () => {
      servers = await startTestServers({ granted: port, other: 0 });
    });
    after(async () => {
      await servers.close();
    });

    test('reads a file under its granted mount; a path outside the mount is refused', async () => {
      const home = temporaryHome();
      const { data, secret } = dataDirectory();
      install(home, await builtServlet(servlet), '--yes', '--mount', `${data}:/data:ro`);
      const connection = await connect(['serve'], home);
      try {
        const names = (await connection.client.listTools()).tools.map((tool) => tool.name).sort();
        assert.deepEqual(names, [`${servlet}__fetch`, `${servlet}__read_file`]);

        const read = await callText(connection, `${servlet}__read_file`, { path: '/data/note.txt' });
        assert.deepEqual(read, { text: 'kept safe\n', isError: false });

        for (const path of ['/data/../secret.txt', '/etc/passwd', '/secret.txt']) {
          const refused = await callText(connection, `${servlet}__read_file`, { path });
          assert.equal(refused.isError, true, `${path}: ${refused.text}`);
          assert.ok(!refused.text.includes(secret), `${path} must not leak the file beside the mount`);
        }
      } finally {
        await connection.transport.close();
      }
    });

    test('fetches from its granted origin; another origin and a revoked grant are refused before the request leaves', async () => {
      const home = temporaryHome();
      install(home, await builtServlet(servlet), '--yes');
      const granted = `http://127.0.0.1:${port}/hello`;
      const other = `http://127.0.0.1:${servers.port('other')}/hello`;
      const earlier = (await servers.received()).length;
      const connection = await connect(['serve'], home);
      try {
        assert.deepEqual(await callText(connection, `${servlet}__fetch`, { url: granted }), { text: '200 hello from granted', isError: false });

        const elsewhere = await callText(connection, `${servlet}__fetch`, { url: other });
        assert.equal(elsewhere.isError, true, elsewhere.text);
        assert.match(elsewhere.text, /not (allowed|granted)/);

        assert.equal(runCli(['revoke', servlet, `network:http://127.0.0.1:${port}`], { home }).status, 0);
        const revoked = await callText(connection, `${servlet}__fetch`, { url: granted });
        assert.equal(revoked.isError, true, 'a revoke applies to the next call of a running server');
      } finally {
        await connection.transport.close();
      }
      const received = (await servers.received()).slice(earlier);
      assert.deepEqual(
        received.map((request) => `${request.server} ${request.path}`),
        ['granted /hello'],
        'the refused requests never reached a server',
      );
      assert.ok(denials(home, servlet).some((line) => line.capability === 'network' && line.detail?.includes(`127.0.0.1:${servers.port('other')}`)));
    });

    test('installed with the network left out, it reaches nothing until the person grants the origin', async () => {
      const home = temporaryHome();
      install(home, await builtServlet(servlet), '--yes', '--deny', 'network');
      const url = `http://127.0.0.1:${port}/hello`;
      const connection = await connect(['serve'], home);
      try {
        assert.equal((await callText(connection, `${servlet}__fetch`, { url })).isError, true);
        const granted = runCli(['grant', servlet, '--allow-host', `http://127.0.0.1:${port}`], { home });
        assert.equal(granted.status, 0, granted.stderr);
        assert.deepEqual(await callText(connection, `${servlet}__fetch`, { url }), { text: '200 hello from granted', isError: false });
      } finally {
        await connection.transport.close();
      }
    });
  });
}

describe('hyper-mcp v2 prompts and resources (as-probe)', () => {
  test('reach the MCP client', async () => {
    const home = temporaryHome();
    install(home, await builtServlet('as-probe'), '--yes');
    const connection = await connect(['serve'], home);
    try {
      const { prompts } = await connection.client.listPrompts();
      assert.deepEqual(prompts.map((prompt) => prompt.name), ['as-probe__greeting']);
      const prompt = await connection.client.getPrompt({ name: 'as-probe__greeting', arguments: { name: 'Ada "the first"' } });
      assert.deepEqual(prompt.messages, [{ role: 'user', content: { type: 'text', text: 'Please greet Ada "the first" warmly.' } }]);

      const { resources } = await connection.client.listResources();
      assert.deepEqual(resources.map((resource) => resource.uri), ['probe://readme']);
      const read = await connection.client.readResource({ uri: 'probe://readme' });
      assert.deepEqual(read.contents, [{ uri: 'probe://readme', mimeType: 'text/plain', text: 'as-probe is written in AssemblyScript.' }]);
      await assert.rejects(connection.client.readResource({ uri: 'probe://missing' }));
    } finally {
      await connection.transport.close();
    }
  });
});
