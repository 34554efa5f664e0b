#!/usr/bin/env node
// `npm start`: the quick start. Builds the first-party servlets that changed (build-servlets.mjs),
// installs them from the catalog with demo-safe grants into the local home (.mcp-wasm-home, or
// MCP_WASM_HOME), and serves them over Streamable HTTP on localhost, printing the URL, the bearer
// token and client configurations on stderr. `npm start -- --stdio` serves over stdio instead
// (stdout then carries only MCP messages); other arguments go to `mcp-wasm serve --http`
// (e.g. `npm start -- --port 0`).
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, clientConfigs } from 'mcp-wasm';
import { buildServlets, CATALOG } from './build-servlets.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.env.MCP_WASM_HOME ||= resolve(root, '.mcp-wasm-home');
const say = (text) => process.stderr.write(`${text}\n`);

// Build what changed and write the catalog; the servlets are then installed by name from it, so
// each install checks the component against the catalog's digest, as `mcp-wasm install <name>` does.
const { entries, failed } = await buildServlets({ say });
process.env.MCP_WASM_CATALOG = CATALOG; // install from the catalog just written, not one named elsewhere
if (failed.length > 0) say(`(not installing ${failed.join(', ')}: they did not build)`);

// Demo-safe grants: the quick start accepts what a servlet requests except where that would reach
// the person's own files or the whole web. filesystem sees only a demo directory; fetch only a few
// public documentation hosts. Widen them later with `mcp-wasm grant`. The demo directory sits
// beside the home, never inside it: no mount may reach the home (its grants, secrets and code).
const demoDir = `${process.env.MCP_WASM_HOME}-demo`;
const DEMO_HOSTS = ['https://example.com', 'https://en.wikipedia.org', 'https://developer.mozilla.org'];
const DEMO_GRANTS = {
  filesystem: ['--mount', `${demoDir}:/data`],
  fetch: DEMO_HOSTS.flatMap((origin) => ['--allow-host', origin]),
};
mkdirSync(demoDir, { recursive: true });
const readme = join(demoDir, 'README.md');
if (!existsSync(readme)) {
  writeFileSync(
    readme,
    '# The mcp-wasm demo directory\n\nThe filesystem servlet of the quick start sees this directory as /data, and nothing else of\n' +
      'your disk. Ask your MCP client to list, read, write or search files here.\n\nGrant it another directory with\n' +
      '`mcp-wasm grant filesystem --mount ~/notes:/data`.\n',
  );
}

for (const { name } of entries) {
  const code = await main(['node', 'mcp-wasm', 'install', name, '--force', '--yes', '--quiet', ...(DEMO_GRANTS[name] ?? [])]);
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
