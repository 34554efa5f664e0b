/**
 * Time and chance: `clock_res_get`, `clock_time_get`, `poll_oneoff`, `sched_yield`, `random_get`.
 * Always available, as on the component path (time is not a secret). The CPU-time clocks answer
 * the monotonic clock: a servlet runs on one thread, and programs (C's `clock()`, Go's runtime)
 * expect them to work. A sleep blocks the thread like a component's timer; it cannot outlast the
 * call, whose deadline ends the worker.
 */
import { Pollable, monotonicNow } from '../wasi/io.js';
import { CLOCK, EVENTTYPE, LAYOUT, SUBSCRIPTION_CLOCK_ABSTIME } from './abi.js';
import { ERRNO, fail, type Errno } from './errno.js';
import type { FdTable } from './fd-table.js';
import type { GuestMemory } from './memory-view.js';

/** Web Crypto fills at most 65536 bytes per call. */
const RANDOM_CHUNK = 65536;

/** Wall-clock time in nanoseconds since the Unix epoch. */
function realtimeNow(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

function clockNow(id: number): bigint {
  if (id === CLOCK.realtime) return realtimeNow();
  if (id === CLOCK.monotonic || id === CLOCK.processCputime || id === CLOCK.threadCputime) return monotonicNow();
  fail(ERRNO.inval);
}

/** One subscription, sorted out: an event due now, or a clock due at a monotonic instant. */
type Pending = { userdata: bigint; type: number; error: Errno; at?: bigint };

function subscription(memory: GuestMemory, table: FdTable, pointer: number): Pending {
  const at = LAYOUT.subscription;
  const userdata = memory.u64(pointer + at.userdata);
  const type = memory.u8(pointer + at.tag);
  if (type === EVENTTYPE.clock) {
    const id = memory.u32(pointer + at.clockId);
    const timeout = memory.u64(pointer + at.clockTimeout);
    const absolute = (memory.u16(pointer + at.clockFlags) & SUBSCRIPTION_CLOCK_ABSTIME) !== 0;
    let now: bigint;
    try {
      now = clockNow(id);
    } catch {
      return { userdata, type, error: ERRNO.inval };
    }
    // Every deadline is turned into the monotonic clock's time, the one a sleep waits on.
    const delay = absolute ? timeout - now : timeout;
    return { userdata, type, error: ERRNO.success, at: monotonicNow() + (delay > 0n ? delay : 0n) };
  }
  if (type === EVENTTYPE.fdRead || type === EVENTTYPE.fdWrite) {
    // Stdio and files never block here: a descriptor that exists is ready at once.
    let error: Errno = ERRNO.success;
    try {
      table.get(memory.u32(pointer + at.fd));
    } catch {
      error = ERRNO.badf;
    }
    return { userdata, type, error };
  }
  return { userdata, type, error: ERRNO.inval };
}

/** The clock, scheduling and random functions, for the instance with fd table `table`. */
export function clockRandomFunctions(memory: () => GuestMemory, table: FdTable) {
  return {
    clock_res_get(id: number, pointer: number): void {
      const view = memory();
      view.check(pointer, 8);
      clockNow(id); // fails with EINVAL for an unknown clock
      view.setU64(pointer, id === CLOCK.realtime ? 1_000_000n : 1_000n);
    },

    clock_time_get(id: number, _precision: bigint, pointer: number): void {
      const view = memory();
      view.check(pointer, 8);
      view.setU64(pointer, clockNow(id));
    },

    poll_oneoff(inPointer: number, outPointer: number, count: number, eventsPointer: number): void {
      const view = memory();
      const n = count >>> 0;
      if (n === 0) fail(ERRNO.inval);
      view.check(inPointer, n * LAYOUT.subscription.size);
      view.check(outPointer, n * LAYOUT.event.size);
      view.check(eventsPointer, 4);
      const pending = Array.from({ length: n }, (_, index) => subscription(view, table, inPointer + index * LAYOUT.subscription.size));
      const immediate = pending.some((item) => item.at === undefined);
      if (!immediate) {
        const earliest = pending.reduce((min, item) => (item.at! < min ? item.at! : min), pending[0]!.at!);
        new Pollable(earliest).block();
      }
      const now = monotonicNow();
      const due = pending.filter((item) => item.at === undefined || item.at <= now);
      due.forEach((item, index) => {
        const event = outPointer + index * LAYOUT.event.size;
        view.zero(event, LAYOUT.event.size);
        view.setU64(event + LAYOUT.event.userdata, item.userdata);
        view.setU16(event + LAYOUT.event.error, item.error);
        view.setU8(event + LAYOUT.event.type, item.type);
      });
      view.setU32(eventsPointer, due.length);
    },

    sched_yield(): void {},

    random_get(pointer: number, length: number): void {
      const view = memory();
      const target = view.bytes(pointer, length);
      // Filled through a private buffer: Web Crypto refuses views of shared memory.
      const chunk = new Uint8Array(Math.min(RANDOM_CHUNK, target.length));
      for (let offset = 0; offset < target.length; offset += RANDOM_CHUNK) {
        const part = chunk.subarray(0, Math.min(RANDOM_CHUNK, target.length - offset));
        crypto.getRandomValues(part);
        target.set(part, offset);
      }
    },
  };
}
