/** What a scenario reports: one row per measured figure, ours beside the native baseline of the same run. */
import type { Summary } from './stats.js';

/**
 * A goal from issue 8, shown beside the figure (a goal, never an assertion). `ratio`: ours/native at
 * most `max`; `absolute`: our median at most `max` in the row's unit.
 */
export type Target = { kind: 'ratio'; max: number; text: string } | { kind: 'absolute'; max: number; text: string };

/** One measured figure. Every unit is "lower is better", so every ratio reads the same way. */
export interface Row {
  /** The scenario's number and name in issue 8, e.g. "1. Warm calls". */
  scenario: string;
  /** What was measured, e.g. "sequential call latency". */
  metric: string;
  unit: 'ms' | 'MiB';
  ours: Summary;
  native: Summary;
  /** What the native side was, when it is not simply "server-everything". */
  nativeLabel?: string;
  target?: Target;
  /** Extra context for the reader (throughput, phases, caveats). */
  note?: string;
}

/** A scenario the landed features do not allow yet. */
export interface Pending {
  scenario: string;
  waitingFor: string;
}
