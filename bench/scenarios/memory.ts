/**
 * Scenario 5, memory: resident memory of the host with 100 servlets installed, once idle (after the
 * handshake) and once 20 of them have answered a call (fewer in a quick run), against server-everything after the same
 * requests. Peak RSS (VmHWM) of the server process, as the kernel counts it.
 */
import { callEcho, connect } from '../client.js';
import { servletName } from '../homes.js';
import { processMemory } from '../process-memory.js';
import type { Row } from '../result.js';
import { nativeServer, oursServer, type ServerSpec } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';
import { LIST_TIMEOUT_MS } from './startup.js';

/** Issue 8: 100 installed servlets cost less memory than two native server processes. */
const TARGET = { kind: 'ratio', max: 2, text: '< 2.00× (two native servers)' } as const;

/** Peak RSS after `initialize`, then after `tools/list` and calls to `active` servlets (1 for native). */
async function measure(server: ServerSpec, active: number): Promise<{ idle: number; active: number }> {
  const connection = await connect(server);
  try {
    const idle = (await processMemory(connection.pid)).peak;
    await connection.client.listTools(undefined, { timeout: LIST_TIMEOUT_MS });
    for (let index = 0; index < active; index++) await callEcho(connection, server.echoTool(servletName(index)), 'hello');
    return { idle, active: (await processMemory(connection.pid)).peak };
  } finally {
    await connection.close();
  }
}

/** Runs scenario 5 with `home` holding `installed` servlets (100 in a full run). */
export async function memory(home: string, installed: number, settings: Settings): Promise<Row[]> {
  const active = settings.activeServlets;
  // The target speaks of 100 installed servlets: a quick run with fewer is not judged against it.
  const target = installed >= 100 ? { target: TARGET } : {};
  const ours = { idle: [] as number[], active: [] as number[] };
  const native = { idle: [] as number[], active: [] as number[] };
  for (let round = 0; round < settings.heavyStarts; round++) {
    for (const [samples, result] of [
      [ours, await measure(oursServer(home), active)],
      [native, await measure(nativeServer(), 1)],
    ] as const) {
      samples.idle.push(result.idle);
      samples.active.push(result.active);
    }
  }
  const scenario = '5. Memory (peak RSS)';
  return [
    {
      scenario,
      metric: `${installed} installed, idle (after initialize)`,
      unit: 'MiB',
      ours: summarize(ours.idle),
      native: summarize(native.idle),
      nativeLabel: 'one server-everything, idle',
      ...target,
    },
    {
      scenario,
      metric: `${installed} installed, ${active} called (after tools/list)`,
      unit: 'MiB',
      ours: summarize(ours.active),
      native: summarize(native.active),
      nativeLabel: 'one server-everything after tools/list and a call',
      ...target,
      note: `tools/list is answered from the stored listings, so only the ${active} servlets called are loaded and instantiated`,
    },
  ];
}
