/**
 * A servlet instance in its own worker thread: a guest that spins, recurses or crashes stalls only
 * this thread, which the gateway can end at any moment. Host implementations run here, with this
 * worker's own backends; the grants of each call arrive with the call.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import {
  emptyCapabilities,
  InstanceEnded,
  linkImports,
  pickExports,
  runExportCall,
  startExtismInstance,
  watchMemories,
  type CapabilityContext,
  type ClientRequest,
  type ComponentExports,
  type ImportObject,
  type InstanceSinks,
  type InstantiateCore,
  type MemoryWatch,
  type ServletExports,
} from '@mcp-wasm/host';
import { defaultBackends } from '../default-backends.js';
import { receiveContext } from './context-transfer.js';
import type { ClientReply, FromWorker, ToWorker, WorkerGuest, WorkerInit } from './protocol.js';

type Instantiate = (getCoreModule: (name: string) => Promise<WebAssembly.Module>, imports: ImportObject, instantiateCore?: InstantiateCore) => Promise<ComponentExports>;

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (message: FromWorker) => port.postMessage(message);

const backends = defaultBackends(init.home, () => {}); // the gateway already warned about its backends
const wake = new Int32Array(init.wake);
let clientRequests = 0;

/**
 * Asks the client through the gateway's thread and blocks until the answer arrives (a guest's
 * host call is synchronous). The call's deadline still runs on the gateway's thread, which ends
 * this worker if the answer takes too long.
 */
function askClient(request: ClientRequest): unknown {
  const id = ++clientRequests;
  Atomics.store(wake, 0, 0);
  post({ type: 'client-request', id, request });
  for (;;) {
    const received = receiveMessageOnPort(init.replies) as { message: ClientReply } | undefined;
    if (received?.message.id === id) {
      if (received.message.ok) return received.message.value;
      throw new Error(received.message.message);
    }
    if (!received) {
      Atomics.wait(wake, 0, 0);
      Atomics.store(wake, 0, 0);
    }
  }
}
// Until the first call, guest code run at start reaches nothing (a plugin's initializer runs at its first call).
let current: CapabilityContext = emptyCapabilities('starting');
const sinks: InstanceSinks = {
  log: (level, message, context) => post({ type: 'log', level, message, ...(context ? { context } : {}) }),
  progress: (progress, total, message) => post({ type: 'progress', progress, total, message }),
};

/** A started guest: its exports and, when capped, the watch on its memories. */
interface Started {
  exports: ServletExports;
  memory?: MemoryWatch;
}

/** How each kind of guest starts in a worker. */
const STARTERS: { [K in WorkerGuest['kind']]: (guest: Extract<WorkerGuest, { kind: K }>) => Promise<Started> } = {
  async component(guest) {
    const imports = linkImports(guest.importNames, sinks, () => current);
    const { instantiate } = (await import(guest.entry)) as { instantiate: Instantiate };
    const memory = guest.memoryLimitBytes === undefined ? undefined : watchMemories(guest.memoryLimitBytes);
    const getCoreModule = async (name: string) => {
      const module = guest.modules[name];
      if (!module) throw new Error(`the component asked for an unknown core module ${name}`);
      return module;
    };
    return { exports: pickExports(await instantiate(getCoreModule, imports, memory?.instantiateCore)), memory };
  },
  extism: (guest) => startExtismInstance(guest.plugin, sinks, () => current),
};

try {
  const { exports, memory } = await (STARTERS[init.guest.kind] as (guest: WorkerGuest) => Promise<Started>)(init.guest);
  port.on('message', (message: ToWorker) => {
    current = receiveContext(message.context, backends, (denial) => post({ type: 'denied', denial }), askClient);
    try {
      post({ type: 'result', id: message.id, outcome: runExportCall(exports, message.call, memory) });
    } catch (error) {
      post({ type: 'ended', id: message.id, reason: error instanceof InstanceEnded ? error.reason : String(error) });
    }
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'start-failed', reason: error instanceof Error ? error.message : String(error) });
}
