/**
 * Host side of `wasi:cli`: an empty environment, no arguments, no working directory, stdio that
 * never reaches the host's own stdio (stdout and stderr become log lines, stdin is empty), no
 * terminal. Environment variables are never granted: a servlet must not see the host's secrets.
 */
import { InputStream, OutputStream } from './io.js';
import { lineSink, type LogSink } from './log-sink.js';

/** Thrown when a guest calls `wasi:cli/exit`: the instance is finished and must not be reused. */
export class GuestExit extends Error {
  constructor(readonly failed: boolean) {
    super(`the servlet exited${failed ? ' with a failure status' : ''}`);
    this.name = 'GuestExit';
  }
}

class TerminalInput {}
class TerminalOutput {}

/** Builds the `wasi:cli/*` interfaces for one instance, writing its stdout and stderr to `log`. */
export function createCli(log: LogSink): Record<string, Record<string, unknown>> {
  const stdout = new OutputStream(lineSink(log, 'info'));
  const stderr = new OutputStream(lineSink(log, 'warning'));
  const stdin = new InputStream();
  const notATerminal = () => undefined;
  return {
    'wasi:cli/environment': {
      getEnvironment: (): [string, string][] => [],
      getArguments: (): string[] => [],
      initialCwd: () => undefined,
    },
    'wasi:cli/exit': {
      exit(status: { tag: 'ok' | 'err' }): never {
        throw new GuestExit(status.tag === 'err');
      },
      exitWithCode(code: number): never {
        throw new GuestExit(code !== 0);
      },
    },
    'wasi:cli/stdin': { getStdin: () => stdin },
    'wasi:cli/stdout': { getStdout: () => stdout },
    'wasi:cli/stderr': { getStderr: () => stderr },
    'wasi:cli/terminal-input': { TerminalInput },
    'wasi:cli/terminal-output': { TerminalOutput },
    'wasi:cli/terminal-stdin': { getTerminalStdin: notATerminal },
    'wasi:cli/terminal-stdout': { getTerminalStdout: notATerminal },
    'wasi:cli/terminal-stderr': { getTerminalStderr: notATerminal },
  };
}
