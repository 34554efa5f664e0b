/**
 * Stand-ins for the engine's globals that cannot work here, so that code using them fails with a
 * clear error instead of silently or fatally. `fetch` exists in the engine but, with no
 * `wasi:http` in this servlet's world, calling it ends the instance; timers are accepted but
 * never fire, because evaluation is synchronous and the call returns before any event loop turn.
 */
function unavailable(name: string, why: string): () => never {
  return () => {
    throw new Error(`${name} is not available in eval-js: ${why}`);
  };
}

const NO_NETWORK = 'this servlet has no network access (its manifest requests none, so the host grants none)';
const NO_TIMERS = 'evaluation is synchronous, so a timer would never fire';

/** Replaces the globals that cannot work here; called once, when the servlet loads. */
export function installStandIns(): void {
  const target = globalThis as unknown as Record<string, unknown>;
  target.fetch = unavailable('fetch', NO_NETWORK);
  target.setTimeout = unavailable('setTimeout', NO_TIMERS);
  target.setInterval = unavailable('setInterval', NO_TIMERS);
}
