/**
 * Servlet instances in worker threads, seen from the gateway's thread. A call that passes its
 * deadline or is cancelled ends its worker at once (the guest cannot run a single instruction
 * more) and the call fails with the reason; a crash or an out-of-memory of the worker does the
 * same. The next call starts a fresh worker.
 */
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import {
  InstanceEnded,
  type CallBounds,
  type CapabilityContext,
  type ClientRequest,
  type CompiledPlugin,
  type ExportCall,
  type ExportOutcome,
  type InstanceEvents,
  type InstanceFactory,
  type ServletInstance,
} from '@mcp-wasm/host';
import type { HomePaths } from '../home.js';
import { startWorker } from '../sync-bridge.js';
import { transferContext } from './context-transfer.js';
import type { ClientReply, FromWorker, WorkerGuest, WorkerInit } from './protocol.js';

const WORKER_SCRIPT = new URL(`./servlet-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);

/** How much JavaScript heap a worker's glue code may use; the guest's own heap is its wasm memory, capped separately. */
const WORKER_RESOURCE_LIMITS = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16, stackSizeMb: 4 };

/** What starting a worker needs: the transpiled component and the home. */
export interface WorkerComponent {
  /** URL of the transpiled component's JavaScript. */
  entry: string;
  /** Its core modules, compiled. */
  coreModules(): Promise<Record<string, WebAssembly.Module>>;
  /** The cap written into its memories, in bytes (see `capMemory`). */
  memoryLimitBytes?: number;
}

interface PendingCall {
  id: number;
  context: CapabilityContext;
  bounds: CallBounds;
  resolve(outcome: ExportOutcome): void;
  reject(error: Error): void;
}

/** One servlet instance in one worker. */
class WorkerInstance implements ServletInstance {
  private pending: PendingCall | undefined;
  private ended: string | undefined;
  private nextId = 0;

  constructor(
    private readonly worker: Worker,
    private readonly events: InstanceEvents,
    private readonly replies: MessagePort,
    private readonly wake: Int32Array,
  ) {
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error: Error) => this.end(workerFailure(error)));
    worker.on('exit', () => this.end('the instance stopped'));
    worker.unref(); // idle: an instance never keeps the process alive; a call refs it (below)
  }

  call(call: ExportCall, context: CapabilityContext, bounds: CallBounds): Promise<ExportOutcome> {
    if (this.ended) return Promise.reject(new InstanceEnded(this.ended));
    if (bounds.signal?.aborted) return Promise.reject(new InstanceEnded('cancelled by the client'));
    return new Promise<ExportOutcome>((resolve, reject) => {
      const id = ++this.nextId;
      this.pending = { id, context, bounds, resolve, reject };
      const timer = setTimeout(
        () => this.end(`exceeded its time limit of ${bounds.timeoutMs} ms (the servlet may ask for more with "limits": { "timeoutMs": … } in its manifest)`),
        bounds.timeoutMs,
      );
      const cancel = () => this.end('cancelled by the client');
      bounds.signal?.addEventListener('abort', cancel, { once: true });
      this.worker.ref();
      const settle = () => {
        this.worker.unref();
        clearTimeout(timer);
        bounds.signal?.removeEventListener('abort', cancel);
      };
      this.pending.resolve = (outcome) => (settle(), resolve(outcome));
      this.pending.reject = (error) => (settle(), reject(error));
      this.worker.postMessage({ type: 'call', id, call, context: transferContext(context) });
    });
  }

  async terminate(): Promise<void> {
    this.end('the instance was released');
    await this.worker.terminate();
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'log':
        return this.events.log(message.level, message.message, message.context);
      case 'progress':
        return this.events.progress(message.progress, message.total, message.message);
      case 'denied':
        return this.pending?.context.denied(message.denial);
      case 'client-request':
        return void this.answerClientRequest(message.id, message.request);
      case 'result':
        if (this.pending?.id === message.id) this.settle().resolve(message.outcome);
        return;
      case 'ended':
        return this.end(message.reason);
    }
  }

  /** Asks the client of the call in progress, then wakes the worker blocked on the answer. */
  private async answerClientRequest(id: number, request: ClientRequest): Promise<void> {
    let reply: ClientReply;
    try {
      const ask = this.pending?.bounds.askClient;
      if (!ask) throw new Error('this call has no client that can be asked');
      reply = { id, ok: true, value: await ask(request) };
    } catch (error) {
      reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    if (this.ended) return;
    this.replies.postMessage(reply);
    Atomics.store(this.wake, 0, 1);
    Atomics.notify(this.wake, 0);
  }

  private settle(): PendingCall {
    const pending = this.pending!;
    this.pending = undefined;
    return pending;
  }

  /** Ends the instance for `reason`: the call in progress fails with it, the worker is stopped. */
  private end(reason: string): void {
    if (this.ended) return;
    this.ended = reason;
    this.replies.close();
    void this.worker.terminate();
    if (this.pending) this.settle().reject(new InstanceEnded(reason));
  }
}

/** A worker's failure in words: out of memory is a limit, anything else a crash. */
function workerFailure(error: Error): string {
  if ((error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') return 'exceeded its memory limit (the host side of the instance ran out of memory)';
  return `the instance crashed: ${error.message}`;
}

/** Starts each instance of `component` in a worker of its own. */
export function workerInstances(component: WorkerComponent, importNames: readonly string[], home: HomePaths): InstanceFactory {
  return {
    async start(events) {
      const modules = await component.coreModules();
      return startInWorker({ kind: 'component', entry: component.entry, modules, memoryLimitBytes: component.memoryLimitBytes, importNames }, home, events);
    },
  };
}

/** Starts each instance of an Extism plugin in a worker of its own (the compiled module is shared, not recompiled). */
export function workerPluginInstances(plugin: CompiledPlugin, home: HomePaths): InstanceFactory {
  return { start: (events) => startInWorker({ kind: 'extism', plugin }, home, events) };
}

/** Starts a worker for `guest` and waits until it is ready. */
async function startInWorker(guest: WorkerGuest, home: HomePaths, events: InstanceEvents): Promise<ServletInstance> {
  const { port1: replies, port2: workerReplies } = new MessageChannel();
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const init: WorkerInit = { guest, home, replies: workerReplies, wake: wake.buffer as SharedArrayBuffer };
  const worker = startWorker(WORKER_SCRIPT, { workerData: init, transferList: [workerReplies], resourceLimits: WORKER_RESOURCE_LIMITS });
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      void worker.terminate();
      reject(new InstanceEnded(`could not start: ${reason}`));
    };
    const starting = (message: FromWorker) => {
      if (message.type === 'log') return events.log(message.level, message.message, message.context); // logged while starting
      worker.off('message', starting);
      worker.off('error', failed);
      if (message.type === 'ready') resolve();
      else fail(message.type === 'start-failed' ? message.reason : `unexpected ${message.type} message`);
    };
    const failed = (error: Error) => fail(workerFailure(error));
    worker.on('message', starting);
    worker.once('error', failed);
  });
  return new WorkerInstance(worker, events, replies, wake);
}
