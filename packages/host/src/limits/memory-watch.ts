/**
 * Tells whether an instance failed because its memory reached its cap. The cap itself is written
 * into the modules (`capMemory`), so the engine refuses the growth; what the guest does then is up
 * to it: StarlingMonkey, for one, throws a catchable "out of memory", which a tool may turn into an
 * ordinary error result. The host therefore looks at the memories, not at what the guest says: a
 * call that fails (trap, error value or `isError` result) while one of the instance's memories is
 * at its cap counts as the memory limit, and the instance, its heap full, is replaced.
 */
import { RAISE_MEMORY_LIMIT } from '../servlet/limits.js';
import { PAGE_BYTES } from './memory-cap.js';

/** Instantiates one core module; jco's generated `instantiate` takes it as its third argument. */
export type InstantiateCore = (module: WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<WebAssembly.Instance>;

/** The memories of one instance, watched against their cap. */
export interface MemoryWatch {
  /** Instantiates a core module and remembers the memories it exports. */
  instantiateCore: InstantiateCore;
  /** Whether a memory is at its cap (within the last growth a guest allocator would ask for). */
  atLimit(): boolean;
  /** Why the instance ended, for the caller: the limit and how to raise it. */
  readonly reason: string;
}

const MIB = 1024 * 1024;

/** Watches the memories of an instance whose modules were capped at `limitBytes`. */
export function watchMemories(limitBytes: number): MemoryWatch {
  const memories = new Set<WebAssembly.Memory>();
  const capBytes = Math.floor(limitBytes / PAGE_BYTES) * PAGE_BYTES;
  // A refused growth leaves the memory short of the cap by up to one allocator request: SpiderMonkey
  // asks for about a MiB at a time, a large typed array for its whole size. An eighth of the cap
  // (1 to 16 MiB) covers both, and is only looked at when a call failed anyway.
  const slack = Math.min(16 * MIB, Math.max(MIB, capBytes / 8));
  return {
    async instantiateCore(module, imports) {
      const instance = await WebAssembly.instantiate(module, imports);
      // Imported memories are re-exported by some modules: the set keeps each memory once.
      for (const value of Object.values(instance.exports)) if (value instanceof WebAssembly.Memory) memories.add(value);
      return instance;
    },
    atLimit() {
      for (const memory of memories) if (memory.buffer.byteLength >= capBytes - slack) return true;
      return false;
    },
    reason: memoryLimitReason(capBytes),
  };
}

/** The message of an instance that reached its memory limit of `limitBytes`. */
export function memoryLimitReason(limitBytes?: number): string {
  const limit = limitBytes === undefined ? 'its memory limit' : `its memory limit of ${Math.round((limitBytes / MIB) * 100) / 100} MiB`;
  return `ran out of memory: it reached ${limit} (${RAISE_MEMORY_LIMIT})`;
}
