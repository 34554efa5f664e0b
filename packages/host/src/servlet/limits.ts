/**
 * The limits every servlet runs under, always on. Defaults here; a manifest may ask for other
 * values within the host's maxima (a servlet cannot lift itself beyond them).
 *
 * Defaults: 30 s per call; 256 MiB of linear memory per memory the component defines (a manifest
 * may ask for up to 4096 MiB, all a 32-bit memory can address); 4 MiB per result; 16 calls waiting per instance; instances idle for
 * 5 minutes are released; 50 log lines per second with bursts of 200, the rest dropped and counted.
 */
import type { Manifest } from '../manifest/manifest.js';

/** What bounds one servlet. */
export interface ServletLimits {
  /** Wall-clock limit of one call, in milliseconds. */
  timeoutMs: number;
  /** Most linear memory, in MiB, each memory of an instance may grow to (written into the modules before compiling). */
  memoryMb: number;
  /** Largest result (JSON, in bytes) a call may return. */
  maxResultBytes: number;
  /** Calls that may wait for one instance; beyond them a call is refused at once. */
  maxQueue: number;
  /** An instance unused for this long is released. */
  idleMs: number;
  /** A fresh instance for every call instead of one per MCP session. */
  instancePerCall: boolean;
  /** Sustained log lines per second, and the burst allowed above it. */
  logLinesPerSecond: number;
  logBurst: number;
}

/** The defaults, listed in this file's header. */
export const DEFAULT_LIMITS: Readonly<ServletLimits> = {
  timeoutMs: 30_000,
  memoryMb: 256,
  maxResultBytes: 4 * 1024 * 1024,
  maxQueue: 16,
  idleMs: 5 * 60_000,
  instancePerCall: false,
  logLinesPerSecond: 50,
  logBurst: 200,
};

/** The most a manifest can ask for. */
export const MAX_LIMITS = { timeoutMs: 15 * 60_000, memoryMb: 4096, maxResultBytes: 64 * 1024 * 1024 } as const;

/** How a servlet gets more memory, for the messages of the memory limit. */
export const RAISE_MEMORY_LIMIT = `the servlet may ask for up to ${MAX_LIMITS.memoryMb} MiB with "limits": { "memoryMb": … } in its manifest`;

/** The limits for a servlet: the defaults, `overrides` (host settings), then what its manifest asks for, within the maxima. */
export function servletLimits(manifest: Manifest, overrides: Partial<ServletLimits> = {}): ServletLimits {
  const asked = manifest.limits ?? {};
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  if (asked.timeoutMs !== undefined) limits.timeoutMs = Math.min(asked.timeoutMs, MAX_LIMITS.timeoutMs);
  if (asked.memoryMb !== undefined) limits.memoryMb = Math.min(asked.memoryMb, MAX_LIMITS.memoryMb);
  if (asked.maxResultBytes !== undefined) limits.maxResultBytes = Math.min(asked.maxResultBytes, MAX_LIMITS.maxResultBytes);
  return limits;
}

/**
 * A token bucket for log lines: `take()` says whether one more line may pass now; lines refused are
 * counted, and `drained()` returns (and resets) that count.
 */
export class LogRate {
  private tokens: number;
  private last = performance.now();
  private dropped = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    this.dropped++;
    return false;
  }

  drained(): number {
    const dropped = this.dropped;
    this.dropped = 0;
    return dropped;
  }
}
