/**
 * Summaries of timing and memory samples. Medians and p99 rather than means: on shared, noisy
 * machines one slow sample (another tenant, a GC pause) would move a mean, not a median.
 */

/** The summary of one set of samples. */
export interface Summary {
  median: number;
  /** The 99th percentile (nearest rank): with fewer than 100 samples, close to the maximum. */
  p99: number;
  /** How many samples it summarizes. */
  count: number;
}

/** The value at percentile `p` (0–100) of `values`, by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('no samples to summarize');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Median, p99 and count of `values`. */
export function summarize(values: readonly number[]): Summary {
  return { median: percentile(values, 50), p99: percentile(values, 99), count: values.length };
}

/** `ours / native`, the figure every row of the report is judged by (lower is better). */
export function ratio(ours: number, native: number): number {
  return native === 0 ? Number.POSITIVE_INFINITY : ours / native;
}
