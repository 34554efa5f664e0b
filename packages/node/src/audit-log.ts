/**
 * The audit log: one JSON object per line under the home (`audit.jsonl`, mode 0600), appended
 * synchronously so that an event is on disk before the call it describes returns. Lines are short
 * (no arguments, only their size; log messages cut), so an append is one write.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEvent, AuditSink } from '@mcp-wasm/host';
import type { HomePaths } from './home.js';

/** A line of the audit log: the event and when it happened. */
export type AuditRecord = AuditEvent & { time: string };

/** Longest log message kept in the audit log. */
const MAX_MESSAGE = 2000;

/** An audit sink writing to the home's audit log; `onFailure` hears a write that failed (the call goes on). */
export function createAuditLog(home: HomePaths, onFailure: (error: Error) => void = () => {}): AuditSink {
  let ready = false;
  return (event) => {
    const record = { time: new Date().toISOString(), ...event } as AuditRecord;
    if (record.type === 'log' && record.message.length > MAX_MESSAGE) record.message = `${record.message.slice(0, MAX_MESSAGE)}… (cut)`;
    try {
      if (!ready) {
        mkdirSync(dirname(home.audit), { recursive: true });
        ready = true;
      }
      appendFileSync(home.audit, `${JSON.stringify(record)}\n`, { mode: 0o600 });
    } catch (error) {
      onFailure(error as Error);
    }
  };
}
