/**
 * Scenario 4, lazy start: what it costs the host to bring a servlet that is not running yet to its
 * first answer, with the transpile cache warm and cold. Measured inside a fresh process each time
 * (lazy-start-probe.mjs) from "load this servlet" to the answer of its first call.
 *
 * The native counterpart of starting a tool on demand is starting its server: spawn server-everything,
 * complete the handshake and get the answer of a first echo call. Our figure excludes the host's own
 * process start, which `mcp-wasm serve` pays once for all its servlets (scenario 3).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { callEcho, connect } from '../client.js';
import { clearTranspileCache } from '../homes.js';
import type { Row } from '../result.js';
import { nativeServer, ROOT } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';

const PROBE = join(ROOT, 'bench', 'scenarios', 'lazy-start-probe.mjs');

interface Phases {
  loadMs: number;
  firstCallMs: number;
}

function probe(home: string): Phases {
  const run = spawnSync(process.execPath, [PROBE], { cwd: ROOT, env: { ...process.env, MCP_WASM_HOME: home }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`the lazy-start probe failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Phases;
}

async function nativeFirstCall(): Promise<number> {
  const server = nativeServer();
  const start = performance.now();
  const connection = await connect(server);
  try {
    await callEcho(connection, server.echoTool(), 'lazy');
    return performance.now() - start;
  } finally {
    await connection.close();
  }
}

/** Runs scenario 4 with `home` holding the echo servlet (its transpile cache is emptied for the cold samples). */
export async function lazyStart(home: string, settings: Settings): Promise<Row[]> {
  const warm: Phases[] = [];
  const cold: Phases[] = [];
  const native: number[] = [];
  probe(home); // throw-away: fills the page cache and the transpile cache
  await nativeFirstCall();
  for (let round = 0; round < settings.starts; round++) {
    warm.push(probe(home));
    native.push(await nativeFirstCall());
    await clearTranspileCache(home);
    cold.push(probe(home)); // transpiles again, leaving the cache warm for the next round
  }
  const total = (phases: Phases[]) => phases.map((p) => p.loadMs + p.firstCallMs);
  const phaseNote = (phases: Phases[]) =>
    `load ${summarize(phases.map((p) => p.loadMs)).median.toFixed(0)} ms + instantiate and first call ${summarize(phases.map((p) => p.firstCallMs)).median.toFixed(0)} ms (medians)`;
  const scenario = '4. Lazy start (first call of a servlet)';
  const nativeLabel = 'spawning server-everything to its first echo answer';
  return [
    {
      scenario,
      metric: 'warm transpile cache',
      unit: 'ms',
      ours: summarize(total(warm)),
      native: summarize(native),
      nativeLabel,
      target: { kind: 'absolute', max: 80, text: '< 80 ms (JavaScript component, warm cache)' },
      note: phaseNote(warm),
    },
    {
      scenario,
      metric: 'cold transpile cache',
      unit: 'ms',
      ours: summarize(total(cold)),
      native: summarize(native),
      nativeLabel,
      note: phaseNote(cold),
    },
  ];
}
