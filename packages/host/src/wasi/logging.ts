/** Host side of `wasi:logging/logging`: a servlet's log messages go to its log sink. */
import type { LogLevel, LogSink } from './log-sink.js';

/** wasi:logging levels mapped onto MCP's. */
const LEVELS: Record<string, LogLevel> = {
  trace: 'debug',
  debug: 'debug',
  info: 'info',
  warn: 'warning',
  error: 'error',
  critical: 'critical',
};

/** Longest message forwarded; longer ones are cut so one call cannot flood the client. */
const MAX_MESSAGE = 16 * 1024;

/** Builds `wasi:logging/logging` for one instance. */
export function createLogging(log: LogSink): { log(level: string, context: string, message: string): void } {
  return {
    log(level, context, message) {
      const text = message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}… (cut)` : message;
      log(LEVELS[level] ?? 'info', text, context || undefined);
    },
  };
}
