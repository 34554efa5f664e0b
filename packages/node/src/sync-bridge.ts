/**
 * Calls asynchronous code synchronously: a worker thread does the work while the calling thread
 * blocks. Host calls from a component are synchronous (the guest waits on the host's return value),
 * but Node's I/O is asynchronous; this bridge is how a host call performs I/O.
 *
 * The caller posts a request on a private MessagePort and blocks in `Atomics.wait` on a shared cell;
 * the worker posts the reply, then sets the cell and notifies; the caller takes the reply with
 * `receiveMessageOnPort`, which reads the port's queue without the event loop. Replies carry the id
 * of their request, so a late reply to a call that timed out is recognised and dropped.
 *
 * The worker is started on first use and unref'd, so an idle bridge never keeps the process alive.
 */
import { MessageChannel, receiveMessageOnPort, Worker, workerData, type MessagePort, type WorkerOptions } from 'node:worker_threads';

/** The bridge could not get an answer: the worker did not reply in time, or failed. */
export class SyncBridgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SyncBridgeError';
  }
}

/** What the worker receives as `workerData`. */
interface BridgeWorkerData {
  port: MessagePort;
  signal: SharedArrayBuffer;
  data: unknown;
}

type Envelope<T> = { id: number } & ({ ok: true; value: T } | { ok: false; message: string });

/** The calling side: `call` blocks until the worker's handler has answered. */
export class SyncBridge<Request, Reply> {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private nextId = 0;

  /**
   * @param script the worker's module, which calls `serveSyncBridge`
   * @param data passed to the worker as `bridgeData()` (structured-cloneable)
   */
  constructor(
    private readonly script: URL,
    private readonly data?: unknown,
  ) {}

  /** Sends `request` to the worker and blocks until it answers or `timeoutMs` passes (then throws `SyncBridgeError`). */
  call(request: Request, timeoutMs: number): Reply {
    const port = this.start();
    const id = ++this.nextId;
    Atomics.store(this.signal, 0, 0);
    port.postMessage({ id, request });
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const received = receiveMessageOnPort(port) as { message: Envelope<Reply> } | undefined;
      if (received) {
        if (received.message.id !== id) continue; // the late answer of an earlier call that timed out
        if (received.message.ok) return received.message.value;
        throw new SyncBridgeError(received.message.message);
      }
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new SyncBridgeError(`the worker did not answer within ${timeoutMs} ms`);
      // Sleeps until the worker sets the cell; returns at once if it already did.
      Atomics.wait(this.signal, 0, 0, remaining);
      Atomics.store(this.signal, 0, 0);
    }
  }

  /** Stops the worker; a later `call` starts a new one. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    if (worker) await worker.terminate();
  }

  private start(): MessagePort {
    if (this.worker && this.port) return this.port;
    const { port1, port2 } = new MessageChannel();
    const data: BridgeWorkerData = { port: port2, signal: this.signal.buffer as SharedArrayBuffer, data: this.data };
    const worker = startWorker(this.script, { workerData: data, transferList: [port2] });
    worker.unref();
    // A worker that dies is replaced on the next call; the call in progress times out.
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.port?.close();
        this.port = undefined;
      }
    });
    this.worker = worker;
    this.port = port1;
    return port1;
  }
}

/**
 * Starts a worker on `script`. A TypeScript script (tests run the sources through tsx) is loaded
 * through tsx's loader, which Node 20 does not hand on to worker threads by itself.
 */
export function startWorker(script: URL, options: WorkerOptions): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script, options);
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(script.href)}); })`;
  return new Worker(boot, { ...options, eval: true });
}

/** In the worker: the `data` the bridge was created with. */
export function bridgeData<T>(): T {
  return (workerData as BridgeWorkerData).data as T;
}

/** In the worker: answers the bridge's calls with `handler`, one reply per request. */
export function serveSyncBridge<Request, Reply>(handler: (request: Request) => Promise<Reply>): void {
  const { port, signal } = workerData as BridgeWorkerData;
  const cell = new Int32Array(signal);
  port.on('message', ({ id, request }: { id: number; request: Request }) => {
    void handler(request).then(
      (value) => reply({ id, ok: true, value }),
      (error: unknown) => reply({ id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  function reply(envelope: Envelope<Reply>): void {
    port.postMessage(envelope);
    Atomics.store(cell, 0, 1);
    Atomics.notify(cell, 0);
  }
}
