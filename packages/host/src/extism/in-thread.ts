/**
 * Extism plugin instances on the calling thread, for environments without workers (see `inThread`):
 * no deadline can interrupt a spinning plugin here, and client features cannot be asked; the Node
 * adapter runs plugins in workers instead.
 */
import { inThread, type InstanceFactory } from '../servlet/instance.js';
import { startExtismInstance, type CompiledPlugin } from './plugin-instance.js';

/** Starts each instance of `plugin` on this thread. */
export function inThreadExtismInstances(plugin: CompiledPlugin): InstanceFactory {
  return inThread((sinks, live) => startExtismInstance(plugin, sinks, live));
}
