/**
 * Scenario 1, warm calls over stdio: the echo servlet against server-everything's echo, both
 * already started and warmed up. Sequential latency (one call in flight) and pipelined throughput
 * (16 in flight). Both servers stay up for the whole scenario and take turns, round by round, so
 * a noisy neighbour slows both rather than one.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { callEcho, connect, type Connection } from '../client.js';
import type { Row } from '../result.js';
import { nativeServer, oursServer, type ServerSpec } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';

const TARGET = { kind: 'ratio', max: 1.1, text: '≤ 1.10× native' } as const;

/** Calls outstanding at once in the pipelined rounds: the host's default queue limit per servlet instance. */
const IN_FLIGHT = 16;

interface Side {
  connection: Connection;
  tool: string;
  latencies: number[];
  /** Milliseconds per call when `pipelinedCalls` are in flight, one figure per round. */
  pipelined: number[];
}

async function sequentialRound(side: Side, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    await callEcho(side.connection, side.tool, `message ${i}`);
    side.latencies.push(performance.now() - start);
  }
}

/**
 * Sends `calls` calls keeping `inFlight` outstanding at all times (a sliding window), and records the
 * time per call. The window stays within the host's default queue limit (16 calls waiting per
 * servlet instance, packages/host/src/servlet/limits.ts): beyond it calls are refused by design.
 */
async function pipelinedRound(side: Side, calls: number, inFlight: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < calls) await callEcho(side.connection, side.tool, `message ${next++}`);
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  side.pipelined.push((performance.now() - start) / calls);
}

async function open(server: ServerSpec): Promise<Side> {
  return { connection: await connect(server), tool: server.echoTool(), latencies: [], pipelined: [] };
}

/** Runs scenario 1 with a home holding one echo servlet. */
export async function warmCalls(home: string, settings: Settings): Promise<Row[]> {
  // The SDK client's stdio transport waits for 'drain' once per write while the pipe is full, so
  // many calls in flight add as many listeners on purpose: not the leak Node warns about.
  EventEmitter.defaultMaxListeners = Math.max(EventEmitter.defaultMaxListeners, IN_FLIGHT + 10);
  const ours = await open(oursServer(home));
  const native = await open(nativeServer());
  try {
    for (const side of [ours, native]) {
      await sequentialRound(side, settings.warmupCalls);
      await pipelinedRound(side, settings.warmupCalls, IN_FLIGHT);
      side.latencies.length = 0;
      side.pipelined.length = 0;
    }
    for (let round = 0; round < settings.rounds; round++) {
      // Alternate which side goes first, so neither always runs right after the other's GC.
      const order = round % 2 === 0 ? [ours, native] : [native, ours];
      for (const side of order) await sequentialRound(side, settings.sequentialCalls);
      for (const side of order) await pipelinedRound(side, settings.pipelinedCalls, IN_FLIGHT);
    }
  } finally {
    await Promise.all([ours.connection.close(), native.connection.close()]);
  }
  const throughput = (side: Side) => Math.round(1000 / summarize(side.pipelined).median);
  return [
    {
      scenario: '1. Warm calls (stdio)',
      metric: 'sequential call latency',
      unit: 'ms',
      ours: summarize(ours.latencies),
      native: summarize(native.latencies),
      target: TARGET,
      note: `${ours.latencies.length} calls per side over ${settings.rounds} rounds`,
    },
    {
      scenario: '1. Warm calls (stdio)',
      metric: `pipelined, time per call (${IN_FLIGHT} in flight)`,
      unit: 'ms',
      ours: summarize(ours.pipelined),
      native: summarize(native.pipelined),
      target: TARGET,
      note: `throughput: ${throughput(ours)} calls/s ours, ${throughput(native)} calls/s native (median of ${settings.rounds} rounds)`,
    },
  ];
}
