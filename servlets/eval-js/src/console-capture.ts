/**
 * Captures what evaluated code prints with `console.*`, with its level, instead of sending it to
 * the servlet's log: the output belongs in the tool's result. Bounded, so a printing loop cannot
 * build a result larger than the host accepts.
 */
import { consoleText } from './format.js';

/** The levels reported; `debug` and `trace` print as `debug`, `dir` and `table` as `log`. */
export type ConsoleLevel = 'log' | 'info' | 'debug' | 'warn' | 'error';

/** One printed line. */
export interface ConsoleLine {
  level: ConsoleLevel;
  text: string;
}

/** The most lines kept, and the most characters in all. */
const MAX_LINES = 1000;
const MAX_CHARS = 256 * 1024;

const METHODS: Record<string, ConsoleLevel> = { log: 'log', info: 'info', debug: 'debug', trace: 'debug', warn: 'warn', error: 'error', dir: 'log', table: 'log' };

/** What one evaluation printed. */
export interface Captured {
  lines: ConsoleLine[];
  /** Lines left out beyond the bounds. */
  dropped: number;
}

/**
 * Runs `body` with `console` methods capturing into the returned record. The original methods come
 * back afterwards (the globals are also restored after each call, see globals-reset.ts).
 */
export function captureConsole<T>(body: () => T): { value: T; captured: Captured } | { error: unknown; captured: Captured } {
  const target = (globalThis as unknown as { console: Record<string, unknown> }).console;
  const captured: Captured = { lines: [], dropped: 0 };
  let chars = 0;
  const saved = Object.keys(METHODS).map((name) => [name, target[name]] as const);
  for (const [name, level] of Object.entries(METHODS)) {
    target[name] = (...values: unknown[]) => {
      if (captured.lines.length >= MAX_LINES || chars >= MAX_CHARS) {
        captured.dropped++;
        return;
      }
      const text = consoleText(values);
      chars += text.length;
      captured.lines.push({ level, text });
    };
  }
  try {
    return { value: body(), captured };
  } catch (error) {
    return { error, captured };
  } finally {
    for (const [name, method] of saved) target[name] = method;
  }
}
