/** What a servlet can ask of its host without any grant: logging and progress. */
import { log as witLog } from 'wasi:logging/logging@0.1.0-draft';
import { report } from 'mcp-wasm:servlet/progress@0.1.0';

function format(values: unknown[]): string {
  return values.map((value) => (typeof value === 'string' ? value : safeJson(value))).join(' ');
}

function safeJson(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** The servlet's log; messages reach the MCP client as log notifications. */
export const log = {
  debug: (...values: unknown[]) => witLog('debug', '', format(values)),
  info: (...values: unknown[]) => witLog('info', '', format(values)),
  warn: (...values: unknown[]) => witLog('warn', '', format(values)),
  error: (...values: unknown[]) => witLog('error', '', format(values)),
};

/** Reports progress of the call in progress: `progress` rises; `total` is the value at completion. */
export function progress(value: number, total?: number, message?: string): void {
  report(value, total, message);
}

/** Sends `console.*` to the servlet's log, so nothing a servlet prints is lost or reaches host stdio. */
export function routeConsoleToLog(): void {
  const target = (globalThis as unknown as { console: Record<string, unknown> }).console;
  target.log = log.info;
  target.info = log.info;
  target.debug = log.debug;
  target.warn = log.warn;
  target.error = log.error;
}
