/**
 * `npm run bench`: runs every scenario of issue 8 that the landed features allow, against the
 * native MCP server, and writes docs/benchmarks.md and docs/benchmarks.svg.
 *
 * `npm run bench -- --quick` runs the same scenarios with few iterations and at most 20 servlets
 * (a couple of minutes) and writes the report to a temporary directory, printing where: the committed report only ever holds
 * a full run. `--out <dir>` chooses the directory for either mode.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { renderChart } from './chart.js';
import { prepareHome, removeHomes } from './homes.js';
import { describeMachine } from './machine.js';
import { formatRatio, renderReport } from './report.js';
import type { Row } from './result.js';
import { evalScenario } from './scenarios/eval.js';
import { fileReads } from './scenarios/file-reads.js';
import { httpLoad } from './scenarios/http.js';
import { lazyStart } from './scenarios/lazy-start.js';
import { memory } from './scenarios/memory.js';
import { PENDING } from './scenarios/pending.js';
import { settings as settingsFor } from './scenarios/settings.js';
import { startup } from './scenarios/startup.js';
import { warmCalls } from './scenarios/warm-calls.js';
import { ROOT } from './servers.js';
import { buildEchoServlet } from './servlet.js';
import { medianRatio } from './verdict.js';

const CHART_FILE = 'benchmarks.svg';

function progress(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
  const settings = settingsFor(values.quick ?? false);
  const outDir = values.out ?? (settings.quick ? await mkdtemp(join(tmpdir(), 'mcp-wasm-bench-report-')) : join(ROOT, 'docs'));
  const began = Date.now();

  progress('building the echo servlet (cached by source hash)');
  const wasm = await buildEchoServlet();
  const rows: Row[] = [];
  try {
    progress(`installing ${settings.installedCounts.join(', ')} servlets in fresh homes`);
    const homes = new Map<number, string>();
    for (const count of settings.installedCounts) homes.set(count, await prepareHome(wasm, count));
    const one = homes.get(1)!;
    const most = Math.max(...settings.installedCounts);
    progress('1. warm calls');
    rows.push(...(await warmCalls(one, settings)));
    progress('2. file reads');
    rows.push(...(await fileReads(settings)));
    progress('3. start-up');
    rows.push(...(await startup(homes, settings)));
    progress('4. lazy start');
    rows.push(...(await lazyStart(one, settings)));
    progress('5. memory');
    rows.push(...(await memory(homes.get(most)!, most, settings)));
    progress('6. HTTP under load');
    rows.push(...(await httpLoad(one, settings)));
    progress('7. eval');
    rows.push(...(await evalScenario(settings)));
  } finally {
    await removeHomes();
  }

  const title = `mcp-wasm vs native MCP server${settings.quick ? ' (quick run: few iterations)' : ''}`;
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, CHART_FILE), renderChart(rows, title));
  await writeFile(join(outDir, 'benchmarks.md'), renderReport({ rows, pending: PENDING, machine: await describeMachine(), settings, chartFile: CHART_FILE }));
  for (const row of rows) progress(`${row.scenario}, ${row.metric}: ${formatRatio(medianRatio(row))}`);
  progress(`wrote ${join(outDir, 'benchmarks.md')} and ${CHART_FILE} in ${Math.round((Date.now() - began) / 1000)} s`);
}

await main();
