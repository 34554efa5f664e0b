/**
 * Scenario 2, file reads: `read_text_file` of a small file and of a 1 MB file through our
 * filesystem servlet (installed with the directory mounted at /data) against
 * `@modelcontextprotocol/server-filesystem` allowed the same directory. Both started and warmed up,
 * sequential calls, taking turns round by round; every answer is checked against the file.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtServlet } from '../../test/support/servlets.js';
import { alternateRounds, resultText, type TimedSide } from '../alternate.js';
import { connect, type Connection } from '../client.js';
import { installedHome } from '../homes.js';
import type { Row } from '../result.js';
import { nativeScript, oursServer, SERVER_FILESYSTEM } from '../servers.js';
import { summarize } from '../stats.js';
import type { Settings } from './settings.js';

const FILES = [
  { name: 'small.txt', metric: 'small file (100 B)', text: 'mcp-wasm bench: a small file read again and again.\n'.repeat(2) },
  { name: 'large.txt', metric: '1 MB file', text: 'abcdefghijklmnopqrstuvwxyz0123456789 the quick brown fox jumps over\n'.repeat(15_420) },
] as const;

/** A side reading one file; `traps` counts reads whose servlet instance ended (reported, not timed: the next read gets a fresh instance). */
function reader(connection: Connection, tool: string, path: string, expected: string, side: string): TimedSide & { traps: string[] } {
  const traps: string[] = [];
  return {
    samples: [],
    traps,
    call: async () => {
      const result = await connection.client.callTool({ name: tool, arguments: { path } });
      const first = (result.content as { text?: string }[] | undefined)?.[0]?.text ?? '';
      if (result.isError && /stopped abnormally: (.*?)\. The servlet was restarted/.test(first)) {
        traps.push(/stopped abnormally: ([^:(]*)/.exec(first)![1]!.trim());
        return false;
      }
      const text = resultText(result, `${side} ${tool}`);
      if (text !== expected) throw new Error(`${side} read ${text.length} characters of ${path}, expected ${expected.length}`);
    },
  };
}

/** Runs scenario 2. */
export async function fileReads(settings: Settings): Promise<Row[]> {
  const data = await mkdtemp(join(tmpdir(), 'mcp-wasm-bench-data-'));
  for (const file of FILES) await writeFile(join(data, file.name), file.text);
  const home = await installedHome(await builtServlet('filesystem'), 'filesystem', ['--mount', `${data}:/data`, '--yes']);
  const ours = await connect(oursServer(home));
  const native = await connect(nativeScript('server-filesystem', SERVER_FILESYSTEM, [data]));
  const rows: Row[] = [];
  try {
    for (const file of FILES) {
      const sides = [
        reader(ours, 'filesystem__read_text_file', `/data/${file.name}`, file.text, 'mcp-wasm'),
        reader(native, 'read_text_file', join(data, file.name), file.text, 'server-filesystem'),
      ] as const;
      const perRound = Math.max(5, Math.round(settings.sequentialCalls / (file.name === 'large.txt' ? 10 : 1)));
      await alternateRounds(sides, settings.rounds, perRound, Math.min(settings.warmupCalls, perRound));
      rows.push({
        scenario: '2. File reads (read_text_file)',
        metric: file.metric,
        unit: 'ms',
        ours: summarize(sides[0].samples),
        native: summarize(sides[1].samples),
        nativeLabel: 'server-filesystem',
        note:
          `${sides[0].samples.length} reads ours, ${sides[1].samples.length} native, over ${settings.rounds} rounds; ours: the filesystem servlet with the directory mounted at /data` +
          (sides[0].traps.length > 0 ? `; ${sides[0].traps.length} of our reads ended their instance (${[...new Set(sides[0].traps)].join(', ')}) and are not timed: the next read got a fresh instance` : ''),
      });
    }
  } finally {
    await Promise.all([ours.close(), native.close()]);
  }
  return rows;
}
