/** What the figures were measured on and with: they mean little without it. */
import { readFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './servers.js';

/** The machine and the software versions of a run. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  /** Package name → version, for every package whose version shapes a figure. */
  packages: Record<string, string>;
}

const PACKAGES = [
  'packages/cli',
  'packages/host',
  'packages/node',
  'packages/sdk',
  'node_modules/@modelcontextprotocol/server-everything',
  'node_modules/@modelcontextprotocol/server',
  'node_modules/@modelcontextprotocol/client',
  'node_modules/@bytecodealliance/jco-transpile',
  'node_modules/@bytecodealliance/componentize-js',
];

async function versionOf(dir: string): Promise<[string, string] | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(ROOT, dir, 'package.json'), 'utf8')) as { name: string; version: string };
    return [manifest.name, manifest.version];
  } catch {
    return undefined; // not installed in this checkout: leave it out rather than guess
  }
}

/** Describes this machine and the installed versions. */
export async function describeMachine(): Promise<Machine> {
  const versions = await Promise.all(PACKAGES.map(versionOf));
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString().slice(0, 10),
    packages: Object.fromEntries(versions.filter((entry) => entry !== undefined)),
  };
}
