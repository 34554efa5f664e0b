/** Host side of `wasi:clocks`: wall clock and monotonic clock. Always granted: time is not a secret. */
import { Pollable, monotonicNow } from './io.js';

/** `wasi:clocks/wall-clock`. */
export const wallClock = {
  now(): { seconds: bigint; nanoseconds: number } {
    const ms = Date.now();
    return { seconds: BigInt(Math.floor(ms / 1000)), nanoseconds: (ms % 1000) * 1e6 };
  },
  resolution(): { seconds: bigint; nanoseconds: number } {
    return { seconds: 0n, nanoseconds: 1e6 };
  },
};

/** `wasi:clocks/monotonic-clock`. */
export const monotonicClock = {
  now: monotonicNow,
  resolution(): bigint {
    return 1000n;
  },
  subscribeInstant(when: bigint): Pollable {
    return new Pollable(when);
  },
  subscribeDuration(duration: bigint): Pollable {
    return new Pollable(monotonicNow() + duration);
  },
};
