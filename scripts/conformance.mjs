/**
 * `npm run conformance`: the official MCP conformance suite (`@modelcontextprotocol/conformance`,
 * under Node 22 from tools/node22) against `mcp-wasm serve --http`, with the conformance fixture
 * servlet built from source (test/fixtures/servlets/conformance) installed in a temporary home.
 *
 * Runs the requirement set of each protocol revision (2025-11-25, 2026-07-28), prints every
 * scenario's outcome and ends with `N passed, N failed` over both; exits 1 on any failure. The server
 * keeps its authentication: the suite's requests carry the home's bearer token (see
 * conformance-auth.mjs). Run with `node --import tsx` (the npm script does) to reuse the tests' build.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { clearTimeout, setTimeout } from 'node:timers';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const NODE22 = join(ROOT, 'tools', 'node22', 'node_modules', 'node', 'bin', 'node');
const SUITE_PACKAGE = join(ROOT, 'tools', 'node22', 'node_modules', '@modelcontextprotocol', 'conformance');
const SUITE = join(SUITE_PACKAGE, 'dist', 'index.js');
const CLI = join(ROOT, 'packages', 'cli', 'bin', 'mcp-wasm.js');
const EXPECTED_FAILURES = join(ROOT, 'conformance-expected-failures.yml');
const REVISIONS = ['2025-11-25', '2026-07-28'];

function fail(message) {
  console.error(`conformance: ${message}`);
  process.exit(1);
}

if (!existsSync(NODE22) || !existsSync(SUITE)) fail('the suite is not installed: run `npm install` (it installs tools/node22)');

/** The fixture's component, built from source (cached by source hash, shared with the tests). */
async function buildFixture() {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-b'], { cwd: ROOT, stdio: 'inherit' });
  if (tsc.status !== 0) fail('the build failed');
  const { builtServlet } = await import('../test/support/servlets.ts');
  return builtServlet('conformance');
}

/** Starts `mcp-wasm serve --http` and resolves with its URL and token once it listens. */
function startServer(home) {
  const child = spawn(process.execPath, [CLI, 'serve', '--http', '--port', '0', '--only', 'conformance', '--bare-names'], {
    cwd: ROOT,
    env: { ...process.env, MCP_WASM_HOME: home },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start in 60 s:\n${output}`)), 60_000);
    child.stderr.on('data', (chunk) => {
      output += chunk;
      const url = /over Streamable HTTP at (http:\/\/\S+)/.exec(output)?.[1];
      const token = /Bearer token[^\n]*\n\s*([A-Za-z0-9_-]{43})\s/.exec(output)?.[1];
      if (url && token) {
        clearTimeout(timer);
        resolve({ child, url, token, output: () => output });
      }
    });
    child.on('exit', (code) => reject(new Error(`the server exited (${code}):\n${output}`)));
  });
}

/** Each scenario's outcome from the suite's result directory: failed when any check failed. */
function outcomes(resultsDir) {
  const scenarios = [];
  for (const entry of readdirSync(resultsDir).sort()) {
    const checksFile = join(resultsDir, entry, 'checks.json');
    if (!existsSync(checksFile)) continue;
    const checks = JSON.parse(readFileSync(checksFile, 'utf8'));
    const failures = checks.filter((check) => check.status === 'FAILURE');
    const warnings = checks.filter((check) => check.status === 'WARNING');
    const name = entry.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z?$/, '');
    scenarios.push({ name, failures, warnings });
  }
  return scenarios;
}

/** The server scenarios a revision requires, as `conformance list --requirements` names them. */
function requiredScenarios(revision) {
  const list = spawnSync(NODE22, [SUITE, 'list', '--server', '--requirements', revision], { encoding: 'utf8' });
  const section = list.stdout.split(/Server scenarios[^\n]*\n/)[1]?.split(/\n\s*\n/)[0] ?? '';
  const names = [...section.matchAll(/^\s+- (\S+)/gm)].map((match) => match[1]);
  if (names.length === 0) fail(`could not read the requirement set ${revision}:\n${list.stdout}${list.stderr}`);
  return new Set(names);
}

/** Runs one revision's requirement set; returns the scenarios and the suite's exit code. */
function runSuite(revision, url, token, workDir) {
  const resultsDir = join(workDir, revision);
  const args = ['--import', join(ROOT, 'scripts', 'conformance-auth.mjs'), SUITE, 'server', '--url', url, '--requirements', revision, '-o', resultsDir];
  if (existsSync(EXPECTED_FAILURES)) args.push('--expected-failures', EXPECTED_FAILURES);
  const run = spawnSync(NODE22, args, {
    cwd: workDir,
    env: {
      ...process.env,
      MCP_WASM_CONFORMANCE_ORIGIN: new URL(url).origin,
      MCP_WASM_CONFORMANCE_TOKEN: token,
      MCP_WASM_CONFORMANCE_ENTRY: join(SUITE_PACKAGE, 'package.json'),
    },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (process.env.CONFORMANCE_VERBOSE) process.stdout.write(run.stdout + run.stderr);
  if (!existsSync(resultsDir)) fail(`the suite produced no results for ${revision}:\n${run.stdout}\n${run.stderr}`);
  return { scenarios: outcomes(resultsDir), status: run.status, output: run.stdout + run.stderr };
}

const wasm = await buildFixture();
const workDir = mkdtempSync(join(tmpdir(), 'mcp-wasm-conformance-'));
const home = join(workDir, 'home');
const install = spawnSync(process.execPath, [CLI, 'install', wasm, '--name', 'conformance', '--yes'], {
  cwd: ROOT,
  env: { ...process.env, MCP_WASM_HOME: home },
  encoding: 'utf8',
});
if (install.status !== 0) fail(`installing the fixture failed:\n${install.stderr}`);

const server = await startServer(home);
let passed = 0;
let failed = 0;
try {
  for (const revision of REVISIONS) {
    const required = requiredScenarios(revision);
    const { scenarios: all, status, output } = runSuite(revision, server.url, server.token, workDir);
    // The suite also runs scenarios it reports but never scores (extensions, pending, added later).
    const scenarios = all.filter((scenario) => required.has(scenario.name));
    const missing = [...required].filter((name) => !all.some((scenario) => scenario.name === name));
    for (const name of missing) scenarios.push({ name, failures: [{ id: name, errorMessage: 'the suite reported no result' }], warnings: [] });
    console.log(`\n${revision}: ${scenarios.length} required server scenarios (${all.length - scenarios.length + missing.length} more run but not scored)`);
    for (const { name, failures, warnings } of scenarios) {
      if (failures.length === 0) passed++;
      else failed++;
      const note = failures.length ? `: ${failures.map((check) => `${check.id}: ${check.errorMessage ?? 'failed'}`).join('; ')}` : warnings.length ? ` (${warnings.length} warning${warnings.length > 1 ? 's' : ''})` : '';
      console.log(`  ${failures.length ? 'FAIL' : 'pass'}  ${name}${note}`);
    }
    if (process.env.CONFORMANCE_VERBOSE) console.log(`  (the suite exited with ${status}; it also counts the unscored scenarios)\n${output.slice(-3000)}`);
  }
} finally {
  server.child.kill('SIGTERM');
  if (!process.env.CONFORMANCE_KEEP) rmSync(workDir, { recursive: true, force: true });
  else console.log(`results kept in ${workDir}`);
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
