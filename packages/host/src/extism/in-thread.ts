/**
 * Extism plugin instances on the calling thread, for environments without workers (as
 * `inThreadInstances` for components): no deadline can interrupt a spinning plugin here, and client
 * features cannot be asked; the Node adapter runs plugins in workers instead.
 */
import { emptyCapabilities, type CapabilityContext } from '../capabilities/context.js';
import { InstanceEnded, runExportCall, type InstanceFactory } from '../servlet/instance.js';
import { startExtismInstance, type CompiledPlugin } from './plugin-instance.js';

/** Starts each instance of `plugin` on this thread. */
export function inThreadExtismInstances(plugin: CompiledPlugin): InstanceFactory {
  return {
    async start(events) {
      // Until the first call, an initializer reaches nothing.
      let context: CapabilityContext = emptyCapabilities('starting');
      let started;
      try {
        started = await startExtismInstance(plugin, { log: events.log, progress: (...args) => events.progress(...args) }, () => context);
      } catch (error) {
        throw new InstanceEnded(`could not start: ${(error as Error).message}`);
      }
      const { exports, memory } = started;
      return {
        async call(call, callContext, bounds) {
          if (bounds.signal?.aborted) throw new InstanceEnded('cancelled by the client');
          context = callContext;
          return runExportCall(exports, call, memory);
        },
        async terminate() {},
      };
    },
  };
}
