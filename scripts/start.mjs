#!/usr/bin/env node
// `npm start`: the quick start. Builds the first-party servlets that changed, installs them into
// the local home (.mcp-wasm-home, or MCP_WASM_HOME), and serves them over Streamable HTTP on
// localhost, printing the URL, the bearer token and client configurations on stderr.
// `npm start -- --stdio` serves over stdio instead (stdout then carries only MCP messages); other
// arguments go to `mcp-wasm serve --http` (e.g. `npm start -- --port 0`).
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildServlet } from '@mcp-wasm/build';
import { main, clientConfigs } from 'mcp-wasm';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.MCP_WASM_HOME ||= resolve(root, '.mcp-wasm-home');
const say = (text) => process.stderr.write(`${text}\n`);

function newestChange(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);
}

const servletsDir = join(root, 'servlets');
for (const name of readdirSync(servletsDir)) {
  const dir = join(servletsDir, name);
  // A first-party servlet still being written (a package skeleton, no sources yet) is not served.
  if (!existsSync(join(dir, 'src'))) continue;
  const out = join(dir, 'dist', `${name}.wasm`);
  const sourcesChanged = Math.max(newestChange(join(dir, 'src')), ...['servlet.json', 'package.json'].map((file) => (existsSync(join(dir, file)) ? statSync(join(dir, file)).mtimeMs : 0)));
  if (!existsSync(out) || statSync(out).mtimeMs < sourcesChanged) {
    say(`building servlet ${name}…`);
    await buildServlet({ dir, out, onProgress: (step) => say(`  ${step}`) });
  }
  // The quick start accepts what the first-party servlets declare in their manifests (--yes).
  const code = await main(['node', 'mcp-wasm', 'install', out, '--name', name, '--force', '--yes', '--quiet']);
  if (code !== 0) process.exit(code);
}

const args = process.argv.slice(2);
if (args.includes('--stdio')) {
  say(`\nmcp-wasm is serving the servlets in ${process.env.MCP_WASM_HOME} over stdio.`);
  say('Connect an MCP client with one of these configurations:\n');
  say(clientConfigs(process.env.MCP_WASM_HOME));
  say('\nWaiting for an MCP client on stdin (Ctrl-C to stop).');
  process.exitCode = await main(['node', 'mcp-wasm', 'serve', ...args.filter((arg) => arg !== '--stdio')]);
} else {
  say(`\nServing the servlets in ${process.env.MCP_WASM_HOME} (for stdio clients: npm start -- --stdio).`);
  process.exitCode = await main(['node', 'mcp-wasm', 'serve', '--http', ...args]);
}
