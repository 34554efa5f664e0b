/**
 * The contract between the runtime-neutral host and whatever turns component bytes into something
 * a JavaScript engine can run. The Node adapter implements it with jco and a disk cache; a browser
 * adapter can implement it with pre-transpiled output.
 */
import type { ImportObject } from './linker.js';

/** The exports of an instantiated component, keyed by interface (`tools`, `resources`, …). */
export type ComponentExports = Record<string, Record<string, (...args: never[]) => unknown> | undefined>;

/** A component ready to instantiate, any number of times. */
export interface CompiledComponent {
  /** Creates a fresh instance with its own memory and the given host implementations. */
  instantiate(imports: ImportObject): Promise<ComponentExports>;
}

/** How a component is compiled. */
export interface CompileOptions {
  /**
   * The most linear memory each memory the component defines may grow to, in bytes (rounded down
   * to 64 KiB pages); the compiler writes it into the modules (see `capMemory`), so the engine
   * enforces it. A compiler may apply a default of its own when this is absent.
   */
  memoryLimitBytes?: number;
}

/** Turns component bytes into a `CompiledComponent` (or an adapter's richer kind of one). */
export interface ComponentCompiler<C extends CompiledComponent = CompiledComponent> {
  /**
   * @param digest the SHA-256 of `bytes` in hex, usable as a cache key (together with the options).
   */
  compile(bytes: Uint8Array, digest: string, options?: CompileOptions): Promise<C>;
}

/** The SHA-256 of `bytes`, as lowercase hex. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}
