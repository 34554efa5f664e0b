/**
 * The audit trail: every call, every denial, every tool withheld, every servlet log line. The host
 * core produces events; the adapter decides where they go (JSON lines under the home, for Node).
 * Events never carry secret values or call arguments, only their size.
 */
import type { CapabilityKind } from '../capabilities/context.js';
import type { WithheldReason } from '../pins/withheld.js';

/** How a tool call ended. */
export type CallOutcome = 'ok' | 'tool-error' | 'trap' | 'protocol-error' | 'host-error' | 'withheld';

/** One audited event. */
export type AuditEvent =
  | { type: 'call'; servlet: string; tool: string; argumentBytes: number; outcome: CallOutcome; durationMs: number }
  | { type: 'denied'; servlet: string; capability: CapabilityKind; detail: string }
  | { type: 'withheld'; servlet: string; tool: string; reason: WithheldReason }
  | { type: 'log'; servlet: string; level: string; message: string };

/** Receives audit events. Must not throw: auditing never fails a call. */
export type AuditSink = (event: AuditEvent) => void;
