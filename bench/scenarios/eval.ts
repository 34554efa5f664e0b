/**
 * Scenario 7, eval: our eval-js servlet evaluating a small expression against a native SDK v2
 * server that evaluates in process with node:vm (bench/native/servers.mjs). The plan names Pyodide
 * as the baseline; it is not a dependency of this repository, so the in-process evaluator stands
 * in (the cheapest native way to evaluate code, with no sandbox at all). Measured: cold start
 * (spawn to the answer of the first evaluation), peak memory after it, and warm call latency.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtServlet } from '../../test/support/servlets.js';
import { alternateRounds, resultText, type TimedSide } from '../alternate.js';
import { connect, type Connection } from '../client.js';
import { installedHome } from '../homes.js';
import { processMemory } from '../process-memory.js';
import type { Row } from '../result.js';
import { nativeScript, oursServer, ROOT, type ServerSpec } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';

const EXPRESSION = '[1, 2, 3].map((n) => n * n).reduce((a, b) => a + b, 0) + 0.5';
const EXPECTED = '14.5';

async function evaluate(connection: Connection, tool: string): Promise<void> {
  const text = resultText(await connection.client.callTool({ name: tool, arguments: { code: EXPRESSION } }), tool);
  // The servlet answers JSON (the value, or { value, logs }); the native server the value as text.
  if (!text.includes(EXPECTED)) throw new Error(`${tool} answered "${text.slice(0, 200)}" instead of ${EXPECTED}`);
}

/** Spawn to first answer, and peak RSS after it. */
async function coldStart(server: ServerSpec, tool: string): Promise<{ ms: number; mib: number }> {
  const start = performance.now();
  const connection = await connect(server);
  try {
    await evaluate(connection, tool);
    const ms = performance.now() - start;
    return { ms, mib: (await processMemory(connection.pid)).peak };
  } finally {
    await connection.close();
  }
}

/** Runs scenario 7. */
export async function evalScenario(settings: Settings): Promise<Row[]> {
  const home = await installedHome(await builtServlet('eval-js'), 'eval-js');
  const oursSpec = oursServer(home);
  const nativeSpec = nativeScript('native eval (node:vm)', join(ROOT, 'bench', 'native', 'servers.mjs'), ['eval-stdio']);
  const oursTool = 'eval-js__evaluate';
  const cold = { ours: [] as number[], native: [] as number[], oursMiB: [] as number[], nativeMiB: [] as number[] };
  await coldStart(oursSpec, oursTool); // throw-away: page cache, transpile cache
  for (let round = 0; round < settings.starts; round++) {
    const o = await coldStart(oursSpec, oursTool);
    const n = await coldStart(nativeSpec, 'evaluate');
    cold.ours.push(o.ms);
    cold.native.push(n.ms);
    cold.oursMiB.push(o.mib);
    cold.nativeMiB.push(n.mib);
  }
  const ours = await connect(oursSpec);
  const native = await connect(nativeSpec);
  const sides: [TimedSide, TimedSide] = [
    { samples: [], call: () => evaluate(ours, oursTool) },
    { samples: [], call: () => evaluate(native, 'evaluate') },
  ];
  try {
    await alternateRounds(sides, settings.rounds, Math.max(10, Math.round(settings.sequentialCalls / 5)), Math.min(50, settings.warmupCalls));
  } finally {
    await Promise.all([ours.close(), native.close()]);
  }
  const common = { scenario: '7. Eval (small expression)', nativeLabel: 'SDK v2 server evaluating in process (node:vm); Pyodide not installed' };
  return [
    { ...common, metric: 'cold start (spawn → first answer)', unit: 'ms', ours: summarize(cold.ours), native: summarize(cold.native), note: `${cold.ours.length} starts per side` },
    { ...common, metric: 'peak memory after the first answer', unit: 'MiB', ours: summarize(cold.oursMiB), native: summarize(cold.nativeMiB) },
    { ...common, metric: 'warm call latency', unit: 'ms', ours: summarize(sides[0].samples), native: summarize(sides[1].samples), note: `${sides[0].samples.length} calls per side` },
  ];
}
