/**
 * A servlet instance in its own worker thread: a guest that spins, recurses or crashes stalls only
 * this thread, which the gateway can end at any moment. Host implementations run here, with this
 * worker's own backends; the grants of each call arrive with the call.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { InstanceEnded, linkImports, type ClientRequest, pickExports, runExportCall, watchMemories, type CapabilityContext, type ComponentExports, type ImportObject, type InstantiateCore } from '@mcp-wasm/host';
import { defaultBackends } from '../default-backends.js';
import { receiveContext } from './context-transfer.js';
import type { ClientReply, FromWorker, ToWorker, WorkerInit } from './protocol.js';

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
let current: CapabilityContext | undefined;
const imports = linkImports(
  init.importNames,
  {
    log: (level, message, context) => post({ type: 'log', level, message, ...(context ? { context } : {}) }),
    progress: (progress, total, message) => post({ type: 'progress', progress, total, message }),
  },
  () => current!,
);

try {
  const { instantiate } = (await import(init.entry)) as { instantiate: Instantiate };
  const memory = init.memoryLimitBytes === undefined ? undefined : watchMemories(init.memoryLimitBytes);
  const exports = pickExports(
    await instantiate(
      async (name) => {
        const module = init.modules[name];
        if (!module) throw new Error(`the component asked for an unknown core module ${name}`);
        return module;
      },
      imports,
      memory?.instantiateCore,
    ),
  );
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
