/**
 * The contract between a servlet and the instances of its component. An instance runs calls one
 * at a time; where it runs is the adapter's business: the Node adapter runs each in a worker thread
 * (so a spinning or crashing guest never stalls the host, and a deadline can end it), and
 * `inThreadInstances` runs it on the calling thread, for environments without workers.
 */
import type { ClientRequest } from '../capabilities/client/client-messages.js';
import { emptyCapabilities, type CapabilityContext } from '../capabilities/context.js';
import type { CompiledComponent, ComponentExports } from '../component/compiler.js';
import { linkImports, type InstanceSinks } from '../component/linker.js';
import type { MemoryWatch } from '../limits/memory-watch.js';
import type { LogSink } from '../wasi/log-sink.js';
import { classifyGuestFailure, type GuestFailure } from './errors.js';
import type { CompletionExport, PromptsExport, ResourcesExport, ToolsExport } from './wit-types.js';

/** The interfaces a servlet may export. */
export type ExportName = 'tools' | 'resources' | 'prompts' | 'completion';

/** One call of an exported function, in a form that crosses threads. */
export interface ExportCall {
  iface: ExportName;
  method: string;
  args: unknown[];
}

/** The interfaces a servlet exports; absent ones are undefined. */
export interface ServletExports {
  tools?: ToolsExport;
  resources?: ResourcesExport;
  prompts?: PromptsExport;
  completion?: CompletionExport;
}

/** What an instance reports while a call runs. */
export interface InstanceEvents {
  log: LogSink;
  progress(progress: number, total?: number, message?: string): void;
}

/** How one call is bounded. */
export interface CallBounds {
  /** Wall-clock limit; the instance is ended when it passes. */
  timeoutMs: number;
  /** Ends the call (and the instance) when aborted: MCP cancellation. */
  signal?: AbortSignal;
  /** Sends a request to the client of this call (sampling, elicitation) and resolves with its answer. */
  askClient?: (request: ClientRequest) => Promise<unknown>;
}

/** The outcome of a call: the value, the servlet's error value, or that the export is absent. */
export type ExportOutcome = { kind: 'value'; value: unknown } | { kind: 'missing' } | Extract<GuestFailure, { kind: 'error' }>;

/** The instance is gone (a trap, a limit, cancellation, a crash); the next call needs a new one. */
export class InstanceEnded extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InstanceEnded';
  }
}

/** One live instance of a component. */
export interface ServletInstance {
  /**
   * Runs `call` with the capabilities of `context`. Resolves with the outcome; rejects with
   * `InstanceEnded` when the instance ended (it must not be used again).
   */
  call(call: ExportCall, context: CapabilityContext, bounds: CallBounds): Promise<ExportOutcome>;
  /** Ends the instance and frees what it holds. */
  terminate(): Promise<void>;
}

/** Starts instances of one component. */
export interface InstanceFactory {
  start(events: InstanceEvents): Promise<ServletInstance>;
}

const EXPORT_NAMES: readonly ExportName[] = ['tools', 'resources', 'prompts', 'completion'];

/** The servlet interfaces among a component's exports (transpilers name them plainly or fully). */
export function pickExports(exports: ComponentExports): ServletExports {
  const picked: Record<string, unknown> = {};
  for (const name of EXPORT_NAMES) picked[name] = exports[name] ?? exports[`mcp-wasm:servlet/${name}@0.1.0`];
  return picked as ServletExports;
}

/**
 * Runs `call` against exports on this thread; a trap is thrown as `InstanceEnded`. With `memory`,
 * a call that fails while the instance's memory is at its cap ends the instance with the memory
 * limit as the reason (see `watchMemories`).
 */
export function runExportCall(exports: ServletExports, call: ExportCall, memory?: MemoryWatch): ExportOutcome {
  const target = exports[call.iface] as Record<string, (...args: unknown[]) => unknown> | undefined;
  if (!target) return { kind: 'missing' };
  let outcome: ExportOutcome;
  try {
    outcome = { kind: 'value', value: target[call.method]!(...call.args) };
  } catch (error) {
    const failure = classifyGuestFailure(error);
    if (memory?.atLimit()) throw new InstanceEnded(memory.reason);
    if (failure.kind === 'trap') throw new InstanceEnded(failure.reason);
    return failure;
  }
  if (memory && isErrorResult(outcome.value) && memory.atLimit()) throw new InstanceEnded(memory.reason);
  return outcome;
}

function isErrorResult(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { isError?: unknown }).isError === true;
}

/** A started guest on this thread: its servlet exports, and its memories when they are watched. */
export interface StartedGuest {
  exports: ServletExports;
  memory?: MemoryWatch;
}

/**
 * Instances on the calling thread, each made by `startGuest` with host functions reaching the
 * capabilities of the call in progress: for environments without workers. A deadline cannot
 * interrupt a guest that never returns here, so only adapters with workers enforce `timeoutMs`.
 */
export function inThread(startGuest: (sinks: InstanceSinks, live: () => CapabilityContext) => Promise<StartedGuest>): InstanceFactory {
  return {
    async start(events) {
      // Until the first call, guest code run at start reaches nothing.
      let context: CapabilityContext = emptyCapabilities('starting');
      let started: StartedGuest;
      try {
        started = await startGuest({ log: events.log, progress: (...args) => events.progress(...args) }, () => context);
      } catch (error) {
        throw new InstanceEnded(`could not start: ${(error as Error).message}`);
      }
      return {
        async call(call, callContext, bounds) {
          if (bounds.signal?.aborted) throw new InstanceEnded('cancelled by the client');
          context = callContext;
          return runExportCall(started.exports, call, started.memory);
        },
        async terminate() {},
      };
    },
  };
}

/** Components on the calling thread (see `inThread`). */
export function inThreadInstances(compiled: CompiledComponent, importNames: readonly string[]): InstanceFactory {
  return inThread(async (sinks, live) => ({ exports: pickExports(await compiled.instantiate(linkImports(importNames, sinks, live))) }));
}
