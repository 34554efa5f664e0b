/**
 * One instance of an Extism plugin: its kernel, WASI preview 1 and (for hyper-mcp v2) its user host
 * functions, linked to the capabilities of the call in progress, and its exports as the
 * `ServletExports` of the servlet interface it implements. Runtime-neutral: the Node adapter runs it
 * in a worker (deadline, cancellation), `inThreadExtismInstances` on the calling thread.
 *
 * Limits: the module's own memory is capped when it is compiled (`compileExtismPlugin`, with
 * `capMemory`) and watched here; kernel memory is capped by `KernelMemory`; results by the Servlet.
 */
import { liveSlice, type CapabilityContext } from '../capabilities/context.js';
import type { InstanceSinks } from '../component/linker.js';
import { watchMemories, type MemoryWatch } from '../limits/memory-watch.js';
import { MAX_PAGES_32, PAGE_BYTES, capMemory } from '../limits/memory-cap.js';
import type { ServletExports } from '../servlet/instance.js';
import { RAISE_MEMORY_LIMIT } from '../servlet/limits.js';
import { WasiExit, type WasiPreview1 } from '../wasi-p1/index.js';
import { EXTISM_ENV, EXTISM_USER, WASI_P1 } from './abi.js';
import { createExtismKernel } from './kernel.js';
import type { ExtismPluginInfo } from './plugin-check.js';
import { extismServletExports, PluginCallError } from './servlet-exports.js';
import { createUserFunctions } from './user-functions.js';
import { linkWasiP1 } from './wasi-link.js';

/** Most bytes of vars an instance keeps, as Extism's default. */
const VAR_BYTES = 1024 * 1024;
const MIB = 1024 * 1024;

/** How much kernel memory an instance with `memoryLimitBytes` of linear memory may hold: half of it, 16 to 256 MiB. */
export function kernelMemoryLimit(memoryLimitBytes: number): number {
  return Math.min(256 * MIB, Math.max(16 * MIB, Math.floor(memoryLimitBytes / 2)));
}

/** A plugin compiled with its memory cap written in. */
export interface CompiledPlugin {
  module: WebAssembly.Module;
  info: ExtismPluginInfo;
  /** The cap of its linear memory, in bytes. */
  memoryLimitBytes: number;
}

/** Compiles plugin bytes with every memory it defines capped at `memoryLimitBytes` (rounded down to pages). */
export async function compileExtismPlugin(bytes: Uint8Array, info: ExtismPluginInfo, memoryLimitBytes: number): Promise<CompiledPlugin> {
  const pages = Math.min(MAX_PAGES_32, Math.max(1, Math.floor(memoryLimitBytes / PAGE_BYTES)));
  const capped = capMemory(bytes, pages, { label: 'the plugin', howToRaise: RAISE_MEMORY_LIMIT });
  return { module: await WebAssembly.compile(capped as Uint8Array<ArrayBuffer>), info, memoryLimitBytes: pages * PAGE_BYTES };
}

/** A started plugin instance. */
export interface StartedPlugin {
  exports: ServletExports;
  memory: MemoryWatch;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Instantiates `plugin` with host functions reaching the capabilities `live` gives, and runs its initializer. */
export async function startExtismInstance(plugin: CompiledPlugin, sinks: InstanceSinks, live: () => CapabilityContext): Promise<StartedPlugin> {
  const kernel = createExtismKernel({
    log: sinks.log,
    config: liveSlice(live, 'config', 'config'),
    net: liveSlice(live, 'net', 'network'),
    limits: { memoryBytes: kernelMemoryLimit(plugin.memoryLimitBytes), varBytes: VAR_BYTES },
  });
  // The plugin's own memory, known once it is instantiated (WASI reads and writes there).
  const guest: { memory?: WebAssembly.Memory } = {};
  const modules = new Set(plugin.info.imports.map((name) => name.split('#')[0]));
  const imports: WebAssembly.Imports = {};
  if (modules.has(EXTISM_ENV)) imports[EXTISM_ENV] = kernel.env;
  if (modules.has(EXTISM_USER)) imports[EXTISM_USER] = createUserFunctions(kernel, sinks, liveSlice(live, 'client', 'sampling'));
  const wasi = modules.has(WASI_P1)
    ? linkWasiP1(
        () => {
          if (!guest.memory) throw new Error('the plugin exports no memory');
          return guest.memory;
        },
        sinks.log,
        live,
      )
    : undefined;
  if (wasi) imports[WASI_P1] = wasi.imports;
  const watch = watchMemories(plugin.memoryLimitBytes);
  const instance = await watch.instantiateCore(plugin.module, imports);
  const exports = instance.exports as Record<string, unknown>;
  if (exports.memory instanceof WebAssembly.Memory) guest.memory = exports.memory;
  // A WASI reactor's initializer runs once, before any export (as Extism does), but at the first
  // call rather than at start: wasi-libc reads its preopened directories there, and only a call
  // carries the grants (an instance starts with none), so the mounts must be in place by then.
  let initialize = typeof exports._initialize === 'function' ? (exports._initialize as () => void) : undefined;

  const runExport = (name: string, input: string): string => {
    const fn = exports[name];
    if (typeof fn !== 'function') throw new PluginCallError(-32601, `this plugin exports no ${name}`);
    if (initialize) {
      const once = initialize;
      initialize = undefined;
      run(once, wasi);
    }
    kernel.begin(encoder.encode(input));
    const code = run(() => (fn as () => number)(), wasi);
    const result = kernel.end();
    if (result.error !== undefined) throw new PluginCallError(-32603, result.error || `the plugin's ${name} failed`);
    if (code !== 0) throw new PluginCallError(-32603, `the plugin's ${name} failed with code ${code}`);
    return decoder.decode(result.output);
  };
  return { exports: extismServletExports(plugin.info.interface, runExport, plugin.info.functionExports), memory: watch };
}

/**
 * Runs guest code; `proc_exit(0)` counts as a normal return (code 0), as in Extism; any other exit
 * ends the instance. What the guest printed without a final newline reaches the log as it returns.
 */
function run(body: () => unknown, wasi: WasiPreview1 | undefined): number {
  let code: number;
  try {
    code = Number(body() ?? 0);
  } catch (error) {
    if (!(error instanceof WasiExit)) {
      try {
        wasi?.flushOutput();
      } catch {
        // The guest's own failure is the one to report, not a log limit met on the way out.
      }
      throw error;
    }
    if (error.code !== 0) throw new Error(`the plugin exited with code ${error.code}`); // proc_exit flushed
    code = 0;
  }
  wasi?.flushOutput();
  return code;
}
