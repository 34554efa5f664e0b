/**
 * Parity with `@modelcontextprotocol/server-memory`: the native server (node, its memory file in a
 * temporary directory) and our memory servlet (built from source, `mcp-wasm install --yes`,
 * `mcp-wasm serve`) are driven by the official SDK client with the same sequence of calls, and
 * must list the same tools and return the same results: text, structured content and isError.
 * Then what only a servlet has: the graph survives a restart of `serve`, and two servlets' graphs
 * stay apart.
 *
 * What is normalised, and why (nothing else is):
 * - tool names: ours carry the `memory__` prefix that keeps servlets' tools apart;
 * - `$schema` of the JSON Schemas: the native SDK writes draft-07, ours draft 2020-12; the schemas
 *   themselves (types, properties, descriptions, required, additionalProperties) must be equal;
 * - `execution` (tasks support) in the native tool list: our gateway does not offer tasks;
 * - the text of an invalid-arguments error: each SDK words its own validation message; both must
 *   be a tool error (isError) naming the tool and the offending field.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { builtServlet, ROOT } from '../support/servlets.js';

const PREFIX = 'memory__';
const NATIVE = join(ROOT, 'node_modules', '@modelcontextprotocol', 'server-memory', 'dist', 'index.js');

type CallResult = Awaited<ReturnType<Client['callTool']>>;

/** A call of the shared sequence; `invalid` marks bad input, whose message text each SDK words itself. */
interface Step {
  tool: string;
  args: Record<string, unknown>;
  invalid?: { field: string };
  /** The native server answers this valid call with a tool error. */
  fails?: boolean;
}

async function nativeServer(): Promise<Client> {
  const dir = mkdtempSync(join(tmpdir(), 'server-memory-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [NATIVE],
    env: { ...(process.env as Record<string, string>), MEMORY_FILE_PATH: join(dir, 'memory.jsonl') },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'parity-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

/** A JSON Schema without `$schema` (see the module comment). */
function schema(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value;
  const { $schema: _draft, ...rest } = value as Record<string, unknown>;
  return rest;
}

function firstText(result: CallResult): string {
  return ((result.content as { type: string; text: string }[])[0] ?? { text: '' }).text;
}

const entity = (name: string, entityType: string, observations: string[]) => ({ name, entityType, observations });
const relation = (from: string, to: string, relationType: string) => ({ from, to, relationType });

/** Every tool, duplicates, deletes, search, open, bad input: run in this order on both servers. */
const SEQUENCE: Step[] = [
  { tool: 'read_graph', args: {} },
  { tool: 'search_nodes', args: { query: 'anything' } },
  {
    tool: 'create_entities',
    args: { entities: [entity('Ada Lovelace', 'person', ['wrote the first program', 'worked with Babbage']), entity('Analytical Engine', 'machine', ['never completed']), entity('London', 'city', [])] },
  },
  // Duplicates: an existing name is skipped; within one request the native server keeps both.
  { tool: 'create_entities', args: { entities: [entity('Ada Lovelace', 'mathematician', ['ignored']), entity('Charles Babbage', 'person', ['designed the engine'])] } },
  { tool: 'create_entities', args: { entities: [entity('Twin', 'test', ['a']), entity('Twin', 'test', ['b'])] } },
  { tool: 'create_entities', args: { entities: [] } },
  {
    tool: 'create_relations',
    args: { relations: [relation('Ada Lovelace', 'Analytical Engine', 'wrote programs for'), relation('Charles Babbage', 'Analytical Engine', 'designed'), relation('Ada Lovelace', 'London', 'lived in')] },
  },
  // A duplicate relation is skipped; a relation to an unknown entity is accepted, as natively.
  { tool: 'create_relations', args: { relations: [relation('Ada Lovelace', 'London', 'lived in'), relation('Ada Lovelace', 'Nowhere', 'visited')] } },
  {
    tool: 'add_observations',
    args: { observations: [{ entityName: 'Ada Lovelace', contents: ['wrote the first program', 'born 1815', 'born 1815'] }, { entityName: 'London', contents: ['capital'] }] },
  },
  // One missing entity fails the whole call, and nothing of it is saved.
  { tool: 'add_observations', args: { observations: [{ entityName: 'London', contents: ['on the Thames'] }, { entityName: 'Atlantis', contents: ['sunk'] }] }, fails: true },
  { tool: 'open_nodes', args: { names: ['London'] } },
  { tool: 'search_nodes', args: { query: 'ENGINE' } },
  { tool: 'search_nodes', args: { query: 'born 18' } },
  { tool: 'search_nodes', args: { query: 'person' } },
  { tool: 'search_nodes', args: { query: '' } },
  { tool: 'open_nodes', args: { names: ['Ada Lovelace', 'Nobody'] } },
  { tool: 'open_nodes', args: { names: [] } },
  { tool: 'delete_observations', args: { deletions: [{ entityName: 'Ada Lovelace', observations: ['born 1815', 'not there'] }, { entityName: 'Nobody', observations: ['x'] }] } },
  { tool: 'delete_relations', args: { relations: [relation('Ada Lovelace', 'Nowhere', 'visited'), relation('No', 'Such', 'relation')] } },
  { tool: 'delete_entities', args: { entityNames: ['Charles Babbage', 'Nobody'] } },
  { tool: 'read_graph', args: {} },
  // Text that JSON must escape, and text that is not ASCII.
  { tool: 'create_entities', args: { entities: [entity('Zoë "quoted"\n', 'ünïcode ✓', ['line\nbreak', 'tab\t', '😀'])] } },
  { tool: 'search_nodes', args: { query: 'ZOË' } },
  // Bad input.
  { tool: 'create_entities', args: {}, invalid: { field: 'entities' } },
  { tool: 'create_entities', args: { entities: [{ name: 7 }] }, invalid: { field: 'name' } },
  { tool: 'create_relations', args: { relations: [relation('a', 'b', 'c'), { from: 'a' }] }, invalid: { field: 'to' } },
  { tool: 'add_observations', args: { observations: 'not a list' }, invalid: { field: 'observations' } },
  { tool: 'search_nodes', args: { query: 42 }, invalid: { field: 'query' } },
  { tool: 'open_nodes', args: {}, invalid: { field: 'names' } },
  { tool: 'delete_entities', args: { entityNames: [1] }, invalid: { field: 'entityNames' } },
  { tool: 'read_graph', args: {} },
];

describe('memory servlet parity with @modelcontextprotocol/server-memory', () => {
  let native: Client;
  let ours: Connection;
  const home = temporaryHome();

  before(async () => {
    const installed = runCli(['install', await builtServlet('memory'), '--yes'], { home });
    assert.equal(installed.status, 0, installed.stderr);
    assert.match(installed.stdout, /granted: its own storage/);
    [native, ours] = await Promise.all([nativeServer(), connect(['serve'], home)]);
  });

  after(async () => {
    await Promise.all([native?.close(), ours?.client.close()]);
  });

  test('the same tools: names (modulo our prefix), titles, descriptions, schemas, annotations', async () => {
    const [nativeTools, ourTools] = await Promise.all([native.listTools(), ours.client.listTools()]);
    for (const tool of ourTools.tools) assert.ok(tool.name.startsWith(PREFIX), tool.name);
    const comparable = (tools: typeof ourTools.tools, prefix: string) =>
      tools
        .map((tool) => ({
          name: tool.name.slice(prefix.length),
          title: tool.title,
          description: tool.description,
          inputSchema: schema(tool.inputSchema),
          outputSchema: schema(tool.outputSchema),
          annotations: tool.annotations,
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    const expected = comparable(nativeTools.tools, '');
    assert.equal(expected.length, 9);
    assert.deepEqual(comparable(ourTools.tools, PREFIX), expected);
  });

  test('the same results for the same sequence of calls', async () => {
    for (const [index, step] of SEQUENCE.entries()) {
      const where = `step ${index + 1}: ${step.tool} ${JSON.stringify(step.args)}`;
      const [expected, actual] = await Promise.all([
        native.callTool({ name: step.tool, arguments: step.args }),
        ours.client.callTool({ name: PREFIX + step.tool, arguments: step.args }),
      ]);
      if (step.invalid) {
        for (const result of [expected, actual]) {
          assert.equal(result.isError, true, `${where}: ${JSON.stringify(result)}`);
          assert.match(firstText(result), new RegExp(`Invalid arguments for tool ${step.tool}`), where);
          assert.match(firstText(result), new RegExp(step.invalid.field), where);
        }
        continue;
      }
      assert.equal(expected.isError ?? false, step.fails ?? false, `${where}: the native server answered ${JSON.stringify(expected)}`);
      assert.deepEqual(
        { content: actual.content, structuredContent: actual.structuredContent, isError: actual.isError ?? false },
        { content: expected.content, structuredContent: expected.structuredContent, isError: expected.isError ?? false },
        where,
      );
    }
  });

  test('the same knowledge-graph resource', async () => {
    const [nativeList, ourList] = await Promise.all([native.listResources(), ours.client.listResources()]);
    const graphResource = (list: typeof ourList) => list.resources.find((r) => r.name === 'knowledge-graph' || r.name.endsWith('knowledge-graph'));
    assert.ok(graphResource(nativeList) && graphResource(ourList), JSON.stringify(ourList));
    const [nativeRead, ourRead] = await Promise.all([
      native.readResource({ uri: graphResource(nativeList)!.uri }),
      ours.client.readResource({ uri: graphResource(ourList)!.uri }),
    ]);
    const text = (read: typeof ourRead) => (read.contents[0] as { text: string }).text;
    assert.equal(text(ourRead), text(nativeRead));
  });

  test('the graph survives a restart of serve', async () => {
    const before = await ours.client.callTool({ name: `${PREFIX}read_graph`, arguments: {} });
    await ours.client.close();
    ours = await connect(['serve'], home);
    const afterRestart = await ours.client.callTool({ name: `${PREFIX}read_graph`, arguments: {} });
    assert.deepEqual(afterRestart.structuredContent, before.structuredContent);
    assert.ok((afterRestart.structuredContent as { entities: unknown[] }).entities.length > 0);
  });

  test("two memory servlets' graphs stay apart", async () => {
    const installed = runCli(['install', await builtServlet('memory'), '--name', 'memory-work', '--yes'], { home });
    assert.equal(installed.status, 0, installed.stderr);
    await ours.client.close();
    ours = await connect(['serve'], home);
    const created = await ours.client.callTool({ name: 'memory-work__create_entities', arguments: { entities: [entity('Project X', 'project', ['secret'])] } });
    assert.ok(!created.isError, JSON.stringify(created));
    const work = await ours.client.callTool({ name: 'memory-work__read_graph', arguments: {} });
    assert.deepEqual(work.structuredContent, { entities: [entity('Project X', 'project', ['secret'])], relations: [] });
    const personal = await ours.client.callTool({ name: `${PREFIX}search_nodes`, arguments: { query: 'Project X' } });
    assert.deepEqual(personal.structuredContent, { entities: [], relations: [] });
    const personalGraph = await ours.client.callTool({ name: `${PREFIX}read_graph`, arguments: {} });
    assert.ok(!JSON.stringify(personalGraph).includes('Project X'));
  });
});
