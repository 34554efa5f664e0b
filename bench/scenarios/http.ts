/**
 * Scenario 6, HTTP under load: `mcp-wasm serve --http` (the echo servlet installed) against a
 * native SDK v2 server with the same echo tool (bench/native/servers.mjs: the SDK's
 * `createMcpHandler` behind node:http), for both protocol eras. Several clients call at once for a
 * fixed time per round; each call's latency is kept, and the round's throughput. Ours and native
 * take turns round by round.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client, StreamableHTTPClientTransport, type ClientOptions } from '@modelcontextprotocol/client';
import { startHttpServe } from '../../test/support/http-serve.js';
import { resultText } from '../alternate.js';
import type { Row } from '../result.js';
import { ROOT } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';

/** Clients calling at once. */
const CLIENTS = 8;

const ERAS: { name: string; options: ClientOptions }[] = [
  { name: '2025-11-25 (sessions)', options: {} },
  { name: '2026-07-28 (stateless)', options: { versionNegotiation: { mode: { pin: '2026-07-28' } } } },
];

interface Target {
  url: URL;
  headers: Record<string, string>;
  tool: string;
  stop: () => Promise<void>;
}

async function nativeTarget(): Promise<Target> {
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'native', 'servers.mjs'), 'echo-http'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<URL>((resolve, reject) => {
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (\S+)/.exec(stderr);
      if (match) resolve(new URL(match[1]!));
    });
    child.once('exit', (code) => reject(new Error(`the native HTTP server exited with ${code}: ${stderr}`)));
  });
  return { url, headers: {}, tool: 'echo', stop: async () => (child.kill('SIGTERM'), await exited) };
}

async function oursTarget(home: string): Promise<Target> {
  const serve = await startHttpServe(home);
  return { url: serve.url, headers: { Authorization: `Bearer ${serve.token}` }, tool: 'echo__echo', stop: () => serve.stop() };
}

/** `CLIENTS` clients calling for `ms` milliseconds; returns each call's latency and the round's calls per second. */
async function loadRound(target: Target, era: ClientOptions, ms: number): Promise<{ latencies: number[]; perSecond: number }> {
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client({ name: 'mcp-wasm-bench', version: '1.0.0' }, era);
      await client.connect(new StreamableHTTPClientTransport(target.url, { requestInit: { headers: target.headers } }));
      return client;
    }),
  );
  const latencies: number[] = [];
  const start = performance.now();
  const end = start + ms;
  try {
    await Promise.all(
      clients.map(async (client, index) => {
        for (let call = 0; performance.now() < end; call++) {
          const began = performance.now();
          const message = `client ${index} call ${call}`;
          const text = resultText(await client.callTool({ name: target.tool, arguments: { message } }), target.tool);
          if (text !== `Echo: ${message}`) throw new Error(`${target.tool} answered "${text}"`);
          latencies.push(performance.now() - began);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => undefined)));
  }
  return { latencies, perSecond: (latencies.length * 1000) / (performance.now() - start) };
}

/** Runs scenario 6 with `home` holding the echo servlet. */
export async function httpLoad(home: string, settings: Settings): Promise<Row[]> {
  const roundMs = settings.quick ? 1000 : 4000;
  const rounds = Math.max(1, settings.rounds / 2);
  const ours = await oursTarget(home);
  const native = await nativeTarget();
  const rows: Row[] = [];
  try {
    for (const era of ERAS) {
      const samples = new Map<Target, { latencies: number[]; perCall: number[] }>([
        [ours, { latencies: [], perCall: [] }],
        [native, { latencies: [], perCall: [] }],
      ]);
      for (const target of [ours, native]) await loadRound(target, era.options, Math.min(roundMs, 1000)); // warm-up
      for (let round = 0; round < rounds; round++) {
        for (const target of round % 2 === 0 ? [ours, native] : [native, ours]) {
          const result = await loadRound(target, era.options, roundMs);
          const side = samples.get(target)!;
          side.latencies.push(...result.latencies);
          side.perCall.push(1000 / result.perSecond);
        }
      }
      const [o, n] = [samples.get(ours)!, samples.get(native)!];
      // The rate of the median round (by time per request), so the note and the row's median agree.
      const rate = (perCall: number[]) => Math.round(1000 / summarize(perCall).median);
      const common = { scenario: `6. HTTP, ${era.name}`, unit: 'ms' as const, nativeLabel: 'SDK v2 echo server (createMcpHandler)' };
      rows.push(
        { ...common, metric: `call latency, ${CLIENTS} clients at once`, ours: summarize(o.latencies), native: summarize(n.latencies), note: `${o.latencies.length} calls ours, ${n.latencies.length} native, over ${rounds} rounds of ${roundMs / 1000} s` },
        {
          ...common,
          metric: `time per request under load (1 / throughput)`,
          ours: summarize(o.perCall),
          native: summarize(n.perCall),
          note:
            `throughput: ${rate(o.perCall)} requests/s ours, ${rate(n.perCall)} requests/s native (median of ${rounds} rounds); ` +
            `every round connects ${CLIENTS} new clients, so ours starts a servlet instance for each new 2025-11-25 session, and one for every 2026-07-28 request`,
        },
      );
    }
  } finally {
    await Promise.all([ours.stop(), native.stop()]);
  }
  return rows;
}
