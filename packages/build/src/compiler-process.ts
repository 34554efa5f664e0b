/** Runs an external compiler and collects what it printed, so a failure shows the compiler's own words. */
import { spawn } from 'node:child_process';

/** How a compiler run ended: `missing` when the program is not installed. */
export type CompilerRun = { missing: true } | { missing: false; code: number | null; output: string };

/** Runs `command args` in `cwd` and resolves when it ends (never rejects). */
export function runCompiler(command: string, args: readonly string[], cwd: string): Promise<CompilerRun> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') resolve({ missing: true });
      else resolve({ missing: false, code: null, output: `${output}${error.message}\n` });
    });
    child.on('close', (code) => resolve({ missing: false, code, output }));
  });
}
