/**
 * Shared helpers of the escape suite: building its guests (test/escape/guests/<attack>/, each a
 * real servlet built from source), and driving the real host through its public surfaces — the
 * `mcp-wasm` CLI with a temporary home, `mcp-wasm serve` with the official MCP client — and reading
 * the audit log it writes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect, type Connection } from '../support/mcp-client.js';
import { buildFromSource, ROOT } from '../support/servlets.js';

/** The guests, by attack name, with the interfaces their build adds beyond the manifest (tests only). */
export const GUESTS = {
  'path-escape': [],
  'symlink-escape': [],
  'symlink-race': [],
  'hard-link': [],
  'read-only-write': [],
  'environment-read': ['wasi:cli/environment@0.2.12'],
  'sockets-import': ['wasi:sockets/tcp-create-socket@0.2.12'],
  'undeclared-import': ['wasi:filesystem/types@0.2.12', 'wasi:filesystem/preopens@0.2.12'],
  'http-egress': [],
  'infinite-loop': [],
  'memory-bomb': [],
  'deep-recursion': [],
  'output-flood': [],
  'log-flood': [],
  'storage-snoop': [],
  'secret-snoop': [],
  'secret-leak': [],
  'client-feature-request': [],
  'description-swap': [],
  'hidden-characters': [],
  'home-mount': [],
  'nested-mount-rename': [],
  'root-symlink': [],
  'overlap-write': [],
  'trailing-slash': [],
} satisfies Record<string, string[]>;

/** The name of a guest. */
export type GuestName = keyof typeof GUESTS;

/** Where a guest's sources are. */
export function guestDir(name: GuestName): string {
  return join(ROOT, 'test', 'escape', 'guests', name);
}

/** The built component of one guest (built from source once, then cached by source hash). */
export function guest(name: GuestName): Promise<string> {
  return buildFromSource(guestDir(name), GUESTS[name]);
}

/**
 * Builds `names` two at a time (a build is one CPU-heavy componentize-js run) and answers their
 * paths by name. Run in a `before` hook: cold, each build takes ~13 s; warm, it is a hash.
 */
export async function buildGuests<N extends GuestName>(names: readonly N[]): Promise<Record<N, string>> {
  const built = {} as Record<N, string>;
  const queue = [...names];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) built[name] = await guest(name);
  };
  await Promise.all([worker(), worker()]);
  return built;
}

/** A fresh `MCP_WASM_HOME`. */
export const newHome = temporaryHome;

/** A fresh temporary directory (its real path). */
export function scratchDir(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), `mcp-wasm-escape-${prefix}-`)));
}

/** One mount as a state file records it. */
export interface RecordedMount {
  host: string;
  guest: string;
  access: 'read-only' | 'read-write';
  identity?: { device: string; inode: string };
}

/** The mount of `host` at `guest` as a grant records it, with the directory's identity (for editing a state file by hand). */
export function recordedMount(host: string, guest: string, access: RecordedMount['access'] = 'read-write'): RecordedMount {
  const stats = statSync(host, { bigint: true });
  return { host, guest, access, identity: { device: String(stats.dev), inode: String(stats.ino) } };
}

/** Edits `home`'s state file by hand, as a person (or anything that can write it) could: `servlet`'s mounts become `mounts`. */
export function editMounts(home: string, servlet: string, mounts: RecordedMount[]): void {
  const path = join(home, 'state.json');
  const state = JSON.parse(readFileSync(path, 'utf8')) as { servlets: Record<string, { grants: { mounts: RecordedMount[] } }> };
  state.servlets[servlet]!.grants.mounts = mounts;
  writeFileSync(path, `${JSON.stringify(state, null, 2)}\n`);
}

/** Runs `mcp-wasm args…` in `home`. */
export function cli(home: string, args: string[], input?: string) {
  return runCli(args, { home, input });
}

/** `mcp-wasm install <file> flags…`, which must succeed. */
export function install(home: string, file: string, ...flags: string[]): string {
  const result = cli(home, ['install', file, ...flags]);
  assert.equal(result.status, 0, `install failed: ${result.stderr}`);
  return result.stdout;
}

/** `mcp-wasm call <servlet> <tool> <json>`. */
export function callCli(home: string, servlet: string, tool: string, args: object = {}) {
  return cli(home, ['call', servlet, tool, JSON.stringify(args)]);
}

/** Stores a secret the way a person does: `mcp-wasm secret set`, the value on stdin. */
export function setSecret(home: string, servlet: string, key: string, value: string): void {
  const result = cli(home, ['secret', 'set', servlet, key], `${value}\n`);
  assert.equal(result.status, 0, result.stderr);
}

/** One line of the audit log. */
export interface AuditLine {
  type: string;
  servlet?: string;
  capability?: string;
  detail?: string;
  tool?: string;
  outcome?: string;
  message?: string;
}

/** The audit log of `home`. */
export function audit(home: string): AuditLine[] {
  return readFileSync(join(home, 'audit.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as AuditLine);
}

/** The `denied` lines of the audit log for `servlet`. */
export function denials(home: string, servlet: string): AuditLine[] {
  return audit(home).filter((line) => line.type === 'denied' && line.servlet === servlet);
}

/** Asserts that the audit log has a `denied` line for `servlet` and `capability` whose detail matches. */
export function assertDenied(home: string, servlet: string, capability: string, detail: RegExp): void {
  const lines = denials(home, servlet);
  assert.ok(
    lines.some((line) => line.capability === capability && detail.test(line.detail ?? '')),
    `no ${capability} denial matching ${detail} in the audit log: ${JSON.stringify(lines)}`,
  );
}

/** A running `mcp-wasm serve` in `home`, with the MCP client connected. */
export async function serve(home: string): Promise<Connection> {
  return connect(['serve'], home);
}

/** Resolves once the server's stderr matches `pattern` (an event, never a deadline). */
export function stderrMatching(connection: Connection, pattern: RegExp): Promise<void> {
  if (pattern.test(connection.stderr())) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!pattern.test(connection.stderr())) return;
      connection.transport.stderr?.off('data', check);
      resolve();
    };
    connection.transport.stderr?.on('data', check);
  });
}

/** A tool result as text: the text blocks joined, and whether it is an error. */
export interface ToolAnswer {
  text: string;
  isError: boolean;
  structured?: unknown;
}

/** Calls `servlet`'s `tool` through the MCP client. */
export async function callTool(connection: Connection, servlet: string, tool: string, args: object = {}, timeout = 120_000): Promise<ToolAnswer> {
  const result = await connection.client.callTool({ name: `${servlet}__${tool}`, arguments: args as Record<string, unknown> }, { timeout });
  const content = (result.content ?? []) as { type: string; text?: string }[];
  return {
    text: content.map((block) => (block.type === 'text' ? block.text : JSON.stringify(block))).join('\n'),
    isError: result.isError === true,
    structured: result.structuredContent,
  };
}

/** The host still serves: the servlet's harmless `ping` answers `pong` on the same connection. */
export async function assertStillServes(connection: Connection, servlet: string): Promise<void> {
  const answer = await callTool(connection, servlet, 'ping');
  assert.deepEqual(answer, { text: 'pong', isError: false, structured: undefined }, 'the host keeps serving after the attack');
}

/** The host still serves through the CLI: `mcp-wasm call <servlet> ping` answers `pong`. */
export function assertCliStillServes(home: string, servlet: string): void {
  const result = callCli(home, servlet, 'ping');
  assert.equal(result.status, 0, result.stderr);
  assert.equal(result.stdout.trim(), 'pong', 'the host keeps serving after the attack');
}
