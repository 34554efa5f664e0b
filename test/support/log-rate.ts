/**
 * How many log notifications the host lets through while a call floods its log: its burst (200),
 * its rate (50 a second) over the time that passed, and its own "N log lines dropped" line. A bound
 * that follows the time the call took, so a slow machine does not fail the test.
 */
export function maxLogNotifications(seconds: number): number {
  return 200 + Math.ceil(50 * seconds) + 1;
}
