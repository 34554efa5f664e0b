/** Sequential warm calls on two already started servers, taking turns round by round, so a noisy moment slows both. */
import { performance } from 'node:perf_hooks';

/** One side of a comparison: a named call to time. */
export interface TimedSide {
  /** Resolves with false for a call that failed in a way the scenario reports rather than aborts on: no sample is kept. */
  call: (index: number) => Promise<void | false>;
  samples: number[];
}

/** `warmup` untimed calls per side, then `rounds` rounds of `perRound` timed calls, alternating which side goes first. */
export async function alternateRounds(sides: readonly [TimedSide, TimedSide], rounds: number, perRound: number, warmup: number): Promise<void> {
  for (const side of sides) for (let i = 0; i < warmup; i++) await side.call(i);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? sides : ([sides[1], sides[0]] as const);
    for (const side of order) {
      for (let i = 0; i < perRound; i++) {
        const start = performance.now();
        if ((await side.call(i)) !== false) side.samples.push(performance.now() - start);
      }
    }
  }
}

/** The text of a tool result's first content block; throws on an error result, so a failing server never passes as a fast one. */
export function resultText(result: { content?: unknown; isError?: unknown }, what: string): string {
  const text = (result.content as { type: string; text?: string }[] | undefined)?.[0]?.text;
  if (result.isError || text === undefined) throw new Error(`${what} answered ${JSON.stringify(result).slice(0, 300)}`);
  return text;
}
