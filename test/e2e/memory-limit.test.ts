/**
 * The memory cap through a real `mcp-wasm serve`: a servlet allocating without bound is stopped by
 * the cap written into its memory (256 MiB by default), the call returns an `isError` result that
 * names the limit and how to raise it, the host stays up with its memory bounded, and the next call
 * runs in a fresh instance. A servlet whose memory cannot even start under its limit is refused
 * with the limit named.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/client';
import { loadServlet } from '@mcp-wasm/host';
import { JcoCompiler, resolveHome, workerInstances } from '@mcp-wasm/node';
import { runCli, temporaryHome } from '../support/cli.js';
import { connect } from '../support/mcp-client.js';
import { builtServlet } from '../support/servlets.js';

function text(result: CallToolResult | unknown): string {
  return ((result as CallToolResult).content ?? []).map((block) => ('text' in block ? block.text : '')).join('');
}

/** The resident memory of a process, in MiB (Linux). */
function residentMiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
}

test('a memory bomb is stopped at the default limit of 256 MiB, the host stays up and small, the next call gets a fresh instance', async () => {
  const home = temporaryHome();
  const installed = runCli(['install', await builtServlet('memory-bomb'), '--name', 'bomb', '--yes', '--quiet'], { home });
  assert.equal(installed.status, 0, installed.stderr);
  const { client, transport } = await connect(['serve'], home);
  try {
    const pid = transport.pid!;
    assert.equal(text(await client.callTool({ name: 'bomb__ok', arguments: {} })), 'ok 1');
    const baseline = residentMiB(pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, residentMiB(pid))), 25);
    let result: CallToolResult;
    try {
      result = (await client.callTool({ name: 'bomb__allocate', arguments: {} }, { timeout: 120_000 })) as CallToolResult;
    } finally {
      clearInterval(sampler);
    }
    assert.equal(result.isError, true);
    assert.match(
      text(result),
      /ran out of memory: it reached its memory limit of 256 MiB \(the servlet may ask for up to 4096 MiB with "limits": \{ "memoryMb": … \} in its manifest\)/,
    );
    // Unbounded, the bomb would grow to the 4 GiB a 32-bit memory can address; capped, the host
    // grows by the 256 MiB of the guest's memory plus the worker's own heap, and no more.
    assert.ok(peak < baseline + 512, `the host's memory stayed bounded: ${baseline.toFixed(0)} MiB before, at most ${peak.toFixed(0)} MiB during the call`);
    process.kill(pid, 0); // throws if the server died
    // `allocate` counts as a call of its instance: had the instance survived, this would answer `ok 3`.
    assert.equal(text(await client.callTool({ name: 'bomb__ok', arguments: {} })), 'ok 1', 'a fresh instance');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = residentMiB(pid);
    assert.ok(after < baseline + 100, `the ended instance's memory was freed: ${baseline.toFixed(0)} MiB before, ${after.toFixed(0)} MiB after (one instance alive each time)`);
    assert.equal(text(await client.callTool({ name: 'bomb__hold', arguments: { mb: 16 } })), 'holding 16 MiB', 'memory within the limit is there');
  } finally {
    await transport.close();
  }
});

test('a limit below what a servlet needs at start refuses it, naming the limit and how to raise it', async () => {
  const home = resolveHome({ MCP_WASM_HOME: temporaryHome() });
  const bytes = await readFile(await builtServlet('memory-bomb'));
  const compiler = new JcoCompiler(home.transpileCache);
  const servlet = await loadServlet({
    name: 'tiny',
    bytes,
    compiler,
    log: () => {},
    instances: (compiled, importNames) => workerInstances(compiled, importNames, home),
    limits: { memoryMb: 4 }, // the StarlingMonkey engine alone starts with about 14 MiB
  });
  try {
    await assert.rejects(
      servlet.callTool('ok', '{}'),
      /core module component\.core\.wasm of the component needs [\d.]+ MiB of memory at start \(memory 0\), more than its memory limit of 4 MiB: the servlet may ask for up to 4096 MiB with "limits": \{ "memoryMb": … \} in its manifest/,
    );
  } finally {
    await servlet.close();
  }
});
