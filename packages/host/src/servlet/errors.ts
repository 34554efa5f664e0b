/**
 * How a servlet call can fail, as the gateway sees it: an error value the servlet returned (a
 * protocol error such as "unknown tool"), or the end of its instance (a trap, a limit, a
 * cancellation), after which the next call gets a fresh instance.
 */
import { memoryLimitReason } from '../limits/memory-watch.js';
import type { WitError } from './wit-types.js';

/** The servlet answered with an error value (a protocol error such as "unknown tool"). */
export class ServletError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ServletError';
  }
}

/** The servlet's instance ended abnormally (trap, stack overflow, exit, a limit, cancellation). */
export class ServletTrap extends Error {
  constructor(
    readonly servlet: string,
    readonly reason: string,
  ) {
    super(`servlet "${servlet}" stopped abnormally: ${reason}`);
    this.name = 'ServletTrap';
  }
}

/** What a failed guest call amounts to, in a form that crosses threads (structured-cloneable). */
export type GuestFailure = { kind: 'error'; code: number; message: string; data?: unknown } | { kind: 'trap'; reason: string };

function isErrorPayload(value: unknown): value is WitError {
  return typeof value === 'object' && value !== null && typeof (value as WitError).code === 'number' && typeof (value as WitError).message === 'string';
}

/** Sorts whatever a guest call threw into an error value of the servlet or a trap of its instance. */
export function classifyGuestFailure(error: unknown): GuestFailure {
  const payload = (error as { payload?: unknown } | null)?.payload;
  if (isErrorPayload(payload)) {
    let data: unknown;
    try {
      data = payload.data === undefined ? undefined : JSON.parse(payload.data);
    } catch {
      data = payload.data;
    }
    return { kind: 'error', code: payload.code, message: payload.message, data };
  }
  return { kind: 'trap', reason: describeFailure(error) };
}

/** A short description of whatever a guest or the engine threw. */
export function describeFailure(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'stack overflow (too deep recursion)';
  // The engine refused to grow a memory past its cap (`capMemory`), or the guest ran out within it.
  if (error instanceof Error && /out of memory|memory size exceeded|could not allocate memory|memory\.grow/i.test(error.message)) return memoryLimitReason();
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
