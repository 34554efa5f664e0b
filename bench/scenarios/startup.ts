/**
 * Scenario 3, start-up: from spawning the process to the answer of the first `tools/list`, with 1,
 * 20 and 100 servlets installed, against spawning server-everything. Every sample is a fresh
 * process; the configurations take turns within each round.
 */
import { performance } from 'node:perf_hooks';
import { connect } from '../client.js';
import type { Row } from '../result.js';
import { nativeServer, oursServer, type ServerSpec } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';

/** The SDK's 60 s default is too short for a slow machine starting 100 servlets: a slow start is a figure, not a failure. */
export const LIST_TIMEOUT_MS = 600_000;

/** A home to start from, by number of servlets installed. */
export type HomesByCount = Map<number, string>;

/** Milliseconds from spawn to the first `tools/list` answer; checks the tool count so a broken start never looks fast. */
async function timeToToolList(server: ServerSpec, expectedTools?: number): Promise<number> {
  const start = performance.now();
  const connection = await connect(server);
  try {
    const { tools } = await connection.client.listTools(undefined, { timeout: LIST_TIMEOUT_MS });
    const elapsed = performance.now() - start;
    if (expectedTools !== undefined && tools.length !== expectedTools) {
      throw new Error(`${server.label} listed ${tools.length} tools, expected ${expectedTools}\n${connection.stderr()}`);
    }
    return elapsed;
  } finally {
    await connection.close();
  }
}

/** Runs scenario 3 over `homes` (1, 20 and 100 servlets). */
export async function startup(homes: HomesByCount, settings: Settings): Promise<Row[]> {
  const native: number[] = [];
  const ours = new Map<number, number[]>([...homes.keys()].map((count) => [count, []]));
  // One throw-away start each: the first spawn pays for reading the code from disk into the page
  // cache. The smallest home is enough for ours: the others share its code, and their components
  // were just written by install, so they are in the page cache already.
  await timeToToolList(nativeServer());
  await timeToToolList(oursServer(homes.get(Math.min(...homes.keys()))!));
  for (let round = 0; round < settings.starts; round++) {
    native.push(await timeToToolList(nativeServer()));
    for (const [count, home] of homes) {
      // The 100-servlet host takes seconds per start: it gets fewer starts than the others.
      if (count >= 100 && round >= settings.heavyStarts) continue;
      ours.get(count)!.push(await timeToToolList(oursServer(home), count));
    }
  }
  return [...ours].map(([count, samples]) => ({
    scenario: '3. Start-up (spawn → first tools/list)',
    metric: `${count} servlet${count === 1 ? '' : 's'} installed`,
    unit: 'ms',
    ours: summarize(samples),
    native: summarize(native),
    nativeLabel: 'one server-everything',
    ...(count === 20 ? { target: { kind: 'ratio', max: 1, text: '≤ 1.00× one native server' } as const } : {}),
  }));
}
