/** Where a servlet's log lines go. The gateway turns them into MCP log notifications. */

/** MCP log levels, least to most severe (RFC 5424 names). */
export const LOG_LEVELS = ['debug', 'info', 'notice', 'warning', 'error', 'critical', 'alert', 'emergency'] as const;

/** One MCP log level. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Receives one log message of a servlet; `context` is the servlet's own label, if it gave one. */
export type LogSink = (level: LogLevel, message: string, context?: string) => void;

/** Longest line kept from a stream before it is cut and sent, so a newline-free flood cannot grow memory. */
const MAX_LINE = 8192;

/** A byte stream's writer that turns it into log lines; `flush` sends a last line that has no newline. */
export interface LineWriter {
  (bytes: Uint8Array): void;
  /** Sends what waits for a newline as a line of its own (at the end of a call or at exit). */
  flush(): void;
}

/**
 * Turns a byte stream (a guest's stdout or stderr) into log lines at `level`.
 * Bytes are decoded as UTF-8; a partial line waits for its newline, for `MAX_LINE` bytes, or for
 * `flush`, so a program's last words are not lost when it ends without a newline.
 */
export function lineSink(sink: LogSink, level: LogLevel): LineWriter {
  const decoder = new TextDecoder();
  let pending = '';
  const write = (bytes: Uint8Array): void => {
    pending += decoder.decode(bytes, { stream: true });
    let newline: number;
    while ((newline = pending.indexOf('\n')) >= 0 || pending.length >= MAX_LINE) {
      const end = newline >= 0 ? Math.min(newline, MAX_LINE) : MAX_LINE;
      const line = pending.slice(0, end);
      pending = pending.slice(newline >= 0 && newline <= MAX_LINE ? end + 1 : end);
      if (line.length > 0) sink(level, line);
    }
  };
  return Object.assign(write, {
    flush(): void {
      // The decoder's own remainder (a multi-byte character cut at the end) goes too, as U+FFFD.
      const line = pending + decoder.decode();
      pending = '';
      if (line.length > 0) sink(level, line);
    },
  });
}
