/** Runs the real `mcp-wasm` CLI as a child process, with a temporary home. */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './servlets.js';

/** Path of the CLI's bin script. */
export const CLI = join(ROOT, 'packages', 'cli', 'bin', 'mcp-wasm.js');

/** A fresh, empty MCP_WASM_HOME. */
export function temporaryHome(): string {
  return mkdtempSync(join(tmpdir(), 'mcp-wasm-home-'));
}

/** Runs `mcp-wasm args…` to completion; `env` adds to (or overrides) the environment, e.g. `HOME`. */
export function runCli(args: string[], options: { home: string; input?: string; cwd?: string; env?: Record<string, string> }) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...options.env, MCP_WASM_HOME: options.home },
    input: options.input ?? '',
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs `mcp-wasm args…` on a pseudo-terminal (util-linux `script`), typing `answers` one a line,
 * and resolves with everything it wrote once it ends. Answers typed ahead wait for their question.
 */
export function atTerminal(args: string[], home: string, answers: string[], env: Record<string, string> = {}): Promise<string> {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part.replace(/'/g, "'\\''")}'`).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env, MCP_WASM_HOME: home } });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stdin.write(answers.map((answer) => `${answer}\n`).join(''));
  // stdin stays open until the CLI ends: closing it would type Ctrl-D, a refusal.
  return new Promise((resolve) => child.on('exit', () => resolve(output)));
}
