#!/usr/bin/env node
// Installs tools/node22 (the MCP Inspector and the Node 22 it needs) from its own lockfile. It is
// not a workspace on purpose: the node@22 package links a `node` binary into node_modules/.bin,
// which would make every npm script of the project run on Node 22 instead of the Node 20 we support.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../tools/node22', import.meta.url));
if (existsSync(join(dir, 'node_modules', 'node', 'bin', 'node')) && !process.argv.includes('--force')) process.exit(0);

// The outer npm's settings (workspaces, omit=dev, …) must not leak into this separate install.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_config_')));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'] });
process.exit(result.status ?? 1);
