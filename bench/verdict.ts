/** Where a row stands against its target: shared by the table and the chart, so they never disagree. */
import type { Row } from './result.js';
import { ratio } from './stats.js';

/** Ours/native of the medians. */
export function medianRatio(row: Row): number {
  return ratio(row.ours.median, row.native.median);
}

/** Ours/native of the p99s. */
export function p99Ratio(row: Row): number {
  return ratio(row.ours.p99, row.native.p99);
}

/** The target as a ratio of the native median (an absolute target divided by the native median), if any. */
export function targetRatio(row: Row): number | undefined {
  if (!row.target) return undefined;
  return row.target.kind === 'ratio' ? row.target.max : row.target.max / row.native.median;
}

/** Whether the median meets the target; undefined for rows without one. */
export function meetsTarget(row: Row): boolean | undefined {
  if (!row.target) return undefined;
  return row.target.kind === 'ratio' ? medianRatio(row) <= row.target.max : row.ours.median <= row.target.max;
}
