#!/usr/bin/env node
// `npm start`: the quick start. Builds the first-party servlets that changed, installs them into
// the local home (.mcp-wasm-home, or MCP_WASM_HOME), prints client configurations on stderr, and
// serves over stdio. stdout carries only MCP messages.
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

say(`\nmcp-wasm is serving the servlets in ${process.env.MCP_WASM_HOME} over stdio.`);
say('Connect an MCP client with one of these configurations:\n');
say(clientConfigs(process.env.MCP_WASM_HOME));
say('\nWaiting for an MCP client on stdin (Ctrl-C to stop).');
process.exitCode = await main(['node', 'mcp-wasm', 'serve']);
