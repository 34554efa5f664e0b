/** How much each scenario measures: a full run for the report, a quick one that proves the bench still works. */

/** Iteration counts shared by the scenarios. */
export interface Settings {
  quick: boolean;
  /** Rounds of the alternation ours, native, ours, native… */
  rounds: number;
  /** Sequential calls per round (warm calls). */
  sequentialCalls: number;
  /** Calls per round of the pipelined warm calls (sent through a window of 16 in flight). */
  pipelinedCalls: number;
  /** Calls made and thrown away before measuring (JIT, caches, first allocations). */
  warmupCalls: number;
  /** Process starts per server configuration (start-up, lazy start). */
  starts: number;
  /** Process starts of the host with the most servlets (start-up, memory): each takes seconds. */
  heavyStarts: number;
  /** How many servlets the start-up homes hold; the largest is also the memory scenario's. */
  installedCounts: number[];
  /** Servlets called in the memory scenario. */
  activeServlets: number;
}

/** Settings for a full run (`npm run bench`) or a quick one (`--quick`). */
export function settings(quick: boolean): Settings {
  return quick
    ? // Fewer servlets too: a host with 100 servlets takes tens of seconds to list its tools, and the
      // quick run only proves that every scenario still works.
      { quick, rounds: 2, sequentialCalls: 50, pipelinedCalls: 100, warmupCalls: 50, starts: 2, heavyStarts: 1, installedCounts: [1, 5, 20], activeServlets: 5 }
    : { quick, rounds: 8, sequentialCalls: 250, pipelinedCalls: 500, warmupCalls: 500, starts: 10, heavyStarts: 3, installedCounts: [1, 20, 100], activeServlets: 20 };
}
