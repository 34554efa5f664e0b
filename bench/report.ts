/** Writes the Markdown report: the table of ratios, what is pending, the machine, and how it was measured. */
import type { Machine } from './machine.js';
import type { Pending, Row } from './result.js';
import type { Settings } from './scenarios/settings.js';
import { medianRatio, meetsTarget, p99Ratio } from './verdict.js';

/** A figure with as many decimals as its size deserves. */
export function formatValue(value: number, unit: Row['unit']): string {
  const digits = value < 10 ? 2 : value < 100 ? 1 : 0;
  return `${value.toFixed(digits)} ${unit}`;
}

/** A ratio such as `1.07×`. */
export function formatRatio(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)}×`;
}

function verdict(row: Row): string {
  const met = meetsTarget(row);
  return met === undefined ? '' : met ? 'met' : '**missed**';
}

function table(rows: Row[]): string {
  const lines = [
    '| Scenario | Measure | mcp-wasm median | mcp-wasm p99 | native median | native p99 | ours/native median | ours/native p99 | Target (goal) | |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|---|',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.scenario} | ${row.metric} | ${formatValue(row.ours.median, row.unit)} | ${formatValue(row.ours.p99, row.unit)} | ` +
        `${formatValue(row.native.median, row.unit)} | ${formatValue(row.native.p99, row.unit)} | ${formatRatio(medianRatio(row))} | ` +
        `${formatRatio(p99Ratio(row))} | ${row.target?.text ?? '—'} | ${verdict(row)} |`,
    );
  }
  return lines.join('\n');
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function notes(rows: Row[]): string {
  return rows
    .map((row) => {
      const parts = [`native: ${row.nativeLabel ?? 'server-everything'}`, `${plural(row.ours.count, 'sample')} ours, ${row.native.count} native`];
      if (row.note) parts.push(row.note);
      return `- **${row.scenario}, ${row.metric}**: ${parts.join('; ')}.`;
    })
    .join('\n');
}

function machine(info: Machine): string {
  const packages = Object.entries(info.packages)
    .map(([name, version]) => `\`${name}@${version}\``)
    .join(', ');
  return [
    `- CPU: ${info.cpu}, ${info.cores} cores; ${info.memoryGiB} GiB of memory; ${info.platform}`,
    `- Node ${info.node}`,
    `- Packages: ${packages}`,
    `- Date: ${info.date}`,
  ].join('\n');
}

function method(settings: Settings): string {
  return `- Every figure has a baseline measured in the same run: \`@modelcontextprotocol/server-everything\`, the
  reference server built on the official SDK, started the same way as our host (the Node binary running its
  script directly, over stdio), unless the row names another (server-filesystem for file reads, small SDK v2
  servers of \`bench/native/servers.mjs\` for HTTP and eval). Both are driven by the official SDK v2 client (\`@modelcontextprotocol/client\`).
  The machines are shared and noisy, so read the ratios, not the absolute figures.
- Ours and native take turns, round after round (${settings.rounds} rounds of warm calls, ${settings.starts} process
  starts per configuration, ${settings.heavyStarts} for the host with ${Math.max(...settings.installedCounts)} servlets), so a slow moment hurts both.
- Every row is "lower is better": latencies, start-up times, time per call and memory. The ratio is ours/native of
  the medians (and of the p99s); a ratio below 1 means mcp-wasm is cheaper.
- Warm calls: both servers started and warmed up with ${settings.warmupCalls} calls first. Sequential: one call in
  flight, ${settings.sequentialCalls} per round. Pipelined: ${settings.pipelinedCalls} calls per round through a window of 16 in
  flight (the host's default queue limit per servlet instance), the time of the round divided by its calls. The echo servlet (\`bench/servlets/echo\`, TypeScript built with
  \`@mcp-wasm/build\`) mirrors server-everything's \`echo\` tool; every answer is checked.
- Start-up: from spawning the process to the answer of the first \`tools/list\`, a fresh process each sample, one
  discarded start first (page cache). The homes hold ${settings.installedCounts.join(', ')} servlets: the first installed with
  \`mcp-wasm install --yes\`, the others are copies of its record under other names (hard links to the same
  component, and of its stored listing), which is what install would write. They are one component under many names: distinct
  components would also each have their own transpile-cache entry and glue module.
- Lazy start: a fresh Node process loads the installed servlet as \`mcp-wasm serve\` does and calls it; the time
  runs from "load this servlet" to the answer of its first call (the process start itself is left out: the host
  pays it once for all its servlets). Cold: the transpile cache (\`$MCP_WASM_HOME/cache/transpiled\`) emptied
  first. Native: spawning server-everything up to the answer of its first echo call, since a native server
  starts a tool by starting its process.
- File reads: \`read_text_file\` of a 104-byte and of a 1 MB file, sequential, warm, taking turns by round: our
  filesystem servlet installed with \`--mount DIR:/data --yes\` against server-filesystem allowed DIR; every
  answer is compared with the file.
- HTTP: \`mcp-wasm serve --http --port 0\` (bearer token, echo servlet) against an SDK v2 server with the same
  echo tool (\`createMcpHandler\` behind node:http: modern path plus the SDK's stateless fallback for
  2025-11-25). 8 clients call at once for a fixed time per round; one row of per-call latency and one of time per
  request (the inverse of the round's throughput), per era. Ours serves a principal's 2026-07-28 requests
  from four servlet instances kept for it, taken in turn; each 2025-11-25 session gets instances of its own.
- Eval: the eval-js servlet against an SDK v2 server evaluating with node:vm in process (Pyodide, named by the
  plan, is not a dependency here): cold start from spawn to the first answer, peak memory after it, warm latency.
- Memory: peak resident set size (\`VmHWM\` in \`/proc/<pid>/status\`) of the server process, after the handshake
  and again after \`tools/list\` and echo calls (to ${settings.activeServlets} servlets for ours, one call for native).
- Targets come from issue 8. They are goals to report against, never test assertions.
- \`npm run bench\` writes this file and \`docs/benchmarks.svg\`; \`npm run bench -- --quick\` runs every scenario
  with few iterations and at most 20 servlets, and writes to a temporary directory instead (CI runs it to prove the bench still works).`;
}

/** The whole report as Markdown; `chartFile` is the chart's file name, beside the report. */
export function renderReport(input: { rows: Row[]; pending: Pending[]; machine: Machine; settings: Settings; chartFile: string }): string {
  const { rows, pending, settings } = input;
  return `# Benchmarks: mcp-wasm against native MCP servers

<!-- Generated by \`npm run bench\` (bench/run.ts): edit the bench, not this file. -->

mcp-wasm runs every tool in a sandbox. What does that cost compared with a native MCP server built on the
official SDK? Each figure below is measured side by side with the native server in the same run and reported as
a ratio, ours/native: **lower is better**, 1.00× is parity.

![Ratios ours/native by scenario, with the targets](${input.chartFile})

## Results

${table(rows)}

${notes(rows)}

## Pending

These parts of the plan are not measured yet:

${pending.map((item) => `- ${item.scenario}: waits for ${item.waitingFor}.`).join('\n')}

## Machine

${machine(input.machine)}

## Method

${method(settings)}
`;
}
