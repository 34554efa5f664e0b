/** The messages between the gateway's thread and a servlet worker. */
import type { MessagePort } from 'node:worker_threads';
import type { ClientRequest, CompiledPlugin, Denial, ExportCall, ExportOutcome, LogLevel } from '@mcp-wasm/host';
import type { HomePaths } from '../home.js';
import type { TransferredContext } from './context-transfer.js';

/** The guest a worker runs: a transpiled component, or an Extism plugin. */
export type WorkerGuest =
  | {
      kind: 'component';
      /** URL of the transpiled component's JavaScript. */
      entry: string;
      /** Its core modules, compiled once on the gateway's thread (compiled code is shared, not copied). */
      modules: Record<string, WebAssembly.Module>;
      /** The cap written into its memories, in bytes: a call failing at the cap ends with the memory limit. */
      memoryLimitBytes?: number;
      importNames: readonly string[];
    }
  | {
      kind: 'extism';
      /** The plugin, compiled once on the gateway's thread with its memory cap written in. */
      plugin: CompiledPlugin;
    };

/** What a servlet worker starts with. */
export interface WorkerInit {
  guest: WorkerGuest;
  /** The home, for the storage backend. */
  home: HomePaths;
  /** Where answers to the worker's client requests arrive, and the cell that wakes it when one did. */
  replies: MessagePort;
  wake: SharedArrayBuffer;
}

/** The answer to a client request, on the `replies` port. */
export type ClientReply = { id: number } & ({ ok: true; value: unknown } | { ok: false; message: string });

/** Gateway → worker. */
export type ToWorker = { type: 'call'; id: number; call: ExportCall; context: TransferredContext };

/** Worker → gateway. */
export type FromWorker =
  | { type: 'ready' }
  | { type: 'start-failed'; reason: string }
  | { type: 'log'; level: LogLevel; message: string; context?: string }
  | { type: 'progress'; progress: number; total?: number; message?: string }
  | { type: 'denied'; denial: Denial }
  | { type: 'client-request'; id: number; request: ClientRequest }
  | { type: 'result'; id: number; outcome: ExportOutcome }
  | { type: 'ended'; id: number; reason: string };
