/**
 * A loaded servlet: one compiled component, instances started on first use. One instance per MCP
 * session by default (state never crosses sessions), or a fresh one per call; calls to one instance
 * run one at a time, with a bounded queue. Every call is bounded by the servlet's limits: a deadline
 * and cancellation end the instance, a result that is too large is refused, a log flood is cut.
 * A trap, a stack overflow, an exit or a limit ends the instance; the next call gets a fresh one.
 */
import { redactSecrets } from '../capabilities/config/redact.js';
import { emptyCapabilities, type CapabilityContext, type CapabilityProvider } from '../capabilities/context.js';
import { HostError } from '../errors.js';
import type { ToolPins } from '../pins/tool-pins.js';
import { ApprovedTools, LIST_TOOLS } from './approved-tools.js';
import type { LogSink } from '../wasi/log-sink.js';
import { ServletError, ServletTrap } from './errors.js';
import { InstanceEnded, type CallBounds, type ExportOutcome, type ExportCall, type InstanceFactory, type ServletInstance } from './instance.js';
import { DEFAULT_LIMITS, LogRate, type ServletLimits } from './limits.js';
import { resultSize } from './result-size.js';
import { SpareInstances, type InstanceOwner } from './spare-instances.js';
import type { WitArgument, WitCallToolResult, WitCompletionReference, WitCompletions, WitPrompt, WitPromptResult, WitResource, WitResourceContents, WitResourceTemplate, WitTool } from './wit-types.js';

export { ServletError, ServletTrap } from './errors.js';

/** Receives progress of the call in progress. */
export type ProgressListener = (progress: number, total?: number, message?: string) => void;

/** How a call is made. */
export interface CallOptions {
  /** The MCP session it belongs to: each session has its own instance. Default: one shared session. */
  session?: string;
  onProgress?: ProgressListener;
  /** Hears the log lines of this call (besides the servlet's own log sink). */
  onLog?: LogSink;
  /** Aborting it cancels the call and ends its instance. */
  signal?: AbortSignal;
  /** How to ask the client of this call (sampling, elicitation), when it can be asked. */
  askClient?: CallBounds['askClient'];
}

/** What a servlet is made of besides its component. */
export interface ServletOptions {
  /** Asked at the start of every call: grants changed since the last call apply to this one. */
  capabilities?: CapabilityProvider;
  /** Approved tool definitions; undefined for a servlet run ad hoc, whose tools are all offered. */
  pins?: ToolPins;
  limits?: ServletLimits;
}

/** One instance slot: the instance of a session (or of one call) and its queue. */
interface Slot {
  instance?: Promise<ServletInstance>;
  queue: Promise<unknown>;
  waiting: number;
  running: boolean;
  lastUsed: number;
  progress?: ProgressListener;
  log?: LogSink;
  /** Released (its session ended, or it idled): calls still queued on it are refused. */
  closed?: boolean;
}

const SHARED_SESSION = 'shared';

/** A servlet ready to serve calls. */
export class Servlet {
  private readonly slots = new Map<string, Slot>();
  /** Started instances no session has used yet (see `keepInstancesReady`). */
  private readonly spares = new SpareInstances<Slot>((owner) => this.startInstance(owner));
  private readonly logRate: LogRate;
  private context: CapabilityContext;
  private calls = 0;
  /** Refuses calls of tools an instance does not describe as approved (undefined: no pins, all offered). */
  private readonly approved?: ApprovedTools;
  private sweeper: ReturnType<typeof setInterval> | undefined;
  /** How many instances sessions (or calls) have taken so far. */
  instancesCreated = 0;
  readonly limits: ServletLimits;
  readonly pins?: ToolPins;
  private readonly capabilities: CapabilityProvider;

  constructor(
    /** The servlet's name, unique in this host. */
    readonly name: string,
    /** The SHA-256 of the component's bytes. */
    readonly digest: string,
    private readonly instances: InstanceFactory,
    private readonly log: LogSink,
    options: ServletOptions = {},
  ) {
    this.capabilities = options.capabilities ?? (() => emptyCapabilities(name));
    this.pins = options.pins;
    if (options.pins) this.approved = new ApprovedTools(name, options.pins);
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.logRate = new LogRate(this.limits.logLinesPerSecond, this.limits.logBurst);
    this.context = emptyCapabilities(name);
  }

  listTools(options?: CallOptions): Promise<WitTool[]> {
    return this.value(LIST_TOOLS, options, []);
  }

  async callTool(name: string, argumentsJson: string, options?: CallOptions): Promise<WitCallToolResult> {
    return (await this.value<WitCallToolResult>({ iface: 'tools', method: 'callTool', args: [name, argumentsJson] }, options)) ?? missing('tools');
  }

  listPrompts(cursor: string | undefined, options?: CallOptions): Promise<{ prompts: WitPrompt[]; nextCursor?: string }> {
    return this.value({ iface: 'prompts', method: 'listPrompts', args: [cursor] }, options, { prompts: [] });
  }

  async getPrompt(name: string, args: WitArgument[], options?: CallOptions): Promise<WitPromptResult> {
    return (await this.value<WitPromptResult>({ iface: 'prompts', method: 'getPrompt', args: [name, args] }, options)) ?? missing('prompts');
  }

  listResources(cursor: string | undefined, options?: CallOptions): Promise<{ resources: WitResource[]; nextCursor?: string }> {
    return this.value({ iface: 'resources', method: 'listResources', args: [cursor] }, options, { resources: [] });
  }

  listResourceTemplates(cursor: string | undefined, options?: CallOptions): Promise<{ templates: WitResourceTemplate[]; nextCursor?: string }> {
    return this.value({ iface: 'resources', method: 'listResourceTemplates', args: [cursor] }, options, { templates: [] });
  }

  /** The contents of `uri`, or undefined when the servlet exports no resources. */
  readResource(uri: string, options?: CallOptions): Promise<WitResourceContents[] | undefined> {
    return this.value({ iface: 'resources', method: 'readResource', args: [uri] }, options);
  }

  complete(ref: WitCompletionReference, argument: WitArgument, context: WitArgument[], options?: CallOptions): Promise<WitCompletions> {
    return this.value({ iface: 'completion', method: 'complete', args: [ref, argument, context] }, options, { values: [], hasMore: false });
  }

  /** `value` with the values of the servlet's granted secrets redacted, before it leaves the host. */
  redact<T>(value: T): T {
    const secrets = secretValues(this.context);
    return secrets.size > 0 ? redactSecrets(value, secrets) : value;
  }

  /** Ends the instance of `session` (the MCP session closed). */
  endSession(session: string): void {
    this.release(session);
  }

  /** Ends every instance. */
  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    await Promise.all([...[...this.slots.keys()].map((key) => this.release(key)), this.spares.close()]);
  }

  /** Runs `call`; a missing export gives `fallback`. */
  private async value<T>(call: ExportCall, options: CallOptions = {}, fallback?: T): Promise<T> {
    const outcome = await this.call(call, options);
    return (outcome.kind === 'value' ? outcome.value : fallback) as T;
  }

  /**
   * Runs `call` in the instance of its session, after the calls queued before it. Error values
   * become `ServletError`; the end of the instance `ServletTrap`; a full queue or an oversized
   * result `HostError`.
   */
  private call(call: ExportCall, options: CallOptions): Promise<ExportOutcome> {
    const key = this.limits.instancePerCall ? `call-${++this.calls}` : (options.session ?? SHARED_SESSION);
    const slot = this.slot(key);
    if (slot.waiting >= this.limits.maxQueue) {
      throw new HostError('servlet-busy', `servlet "${this.name}" already has ${slot.waiting} calls waiting: try again when they are done`);
    }
    slot.waiting++;
    const run = async () => {
      slot.waiting--;
      slot.running = true;
      try {
        return await this.run(slot, call, options);
      } finally {
        slot.running = false;
        slot.lastUsed = performance.now();
        if (this.limits.instancePerCall) await this.release(key);
      }
    };
    const result = slot.queue.then(run, run);
    slot.queue = result.catch(() => undefined);
    return result;
  }

  private async run(slot: Slot, call: ExportCall, options: CallOptions): Promise<ExportOutcome> {
    if (slot.closed) throw new ServletTrap(this.name, 'its session ended before the call could run');
    this.context = this.capabilities();
    slot.progress = options.onProgress;
    slot.log = options.onLog;
    const instance = this.instanceOf(slot);
    try {
      if (this.approved && call.iface === 'tools' && call.method === 'callTool') {
        await this.approved.check(await instance, call.args[0] as string, this.context, { timeoutMs: this.limits.timeoutMs, signal: options.signal });
      }
      const outcome = await (await instance).call(call, this.context, { timeoutMs: this.limits.timeoutMs, signal: options.signal, askClient: options.askClient });
      if (outcome.kind === 'error') throw new ServletError(outcome.code, outcome.message, outcome.data);
      if (outcome.kind === 'value') this.checkSize(outcome.value);
      return outcome;
    } catch (error) {
      if (!(error instanceof InstanceEnded)) throw error;
      // An ended instance is never reused: the next call on this slot starts a fresh one.
      if (slot.instance === instance) slot.instance = undefined;
      void instance.then((ended) => ended.terminate()).catch(() => undefined);
      throw new ServletTrap(this.name, error.reason);
    } finally {
      slot.progress = undefined;
      const dropped = this.logRate.drained();
      if (dropped > 0) {
        const line = `${dropped} log lines dropped: more than ${this.limits.logLinesPerSecond} per second`;
        this.log('warning', line);
        slot.log?.('warning', line);
      }
      slot.log = undefined;
    }
  }

  private slot(key: string): Slot {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { queue: Promise.resolve(), waiting: 0, running: false, lastUsed: performance.now() };
      this.slots.set(key, slot);
      this.sweepIdle();
    }
    return slot;
  }

  /** From now on, keeps fresh instances ready for the sessions to come (see spare-instances.ts). */
  keepInstancesReady(): void {
    this.spares.wanted = true;
  }

  /** The slot's instance: a spare when one is ready or starting, else one started now. */
  private instanceOf(slot: Slot): Promise<ServletInstance> {
    if (!slot.instance) {
      slot.instance = this.spares.take(slot) ?? this.startInstance({ slot });
      this.instancesCreated++;
      // Only a servlet in use beyond its listing keeps spares, topped up once this start is done.
      if (this.instancesCreated > 1) void slot.instance.then(() => this.spares.topUp(), () => this.spares.topUp());
    }
    return slot.instance;
  }

  /** Starts an instance whose log and progress go to `owner.slot`, the slot that takes it. */
  private startInstance(owner: InstanceOwner<Slot>): Promise<ServletInstance> {
    // Log lines and progress leave the host: secrets are redacted from them, and a flood is cut.
    const log: LogSink = (level, message, context) => {
      if (!this.logRate.take()) return;
      const redacted = this.redact(message);
      this.log(level, redacted, context);
      owner.slot?.log?.(level, redacted, context);
    };
    const progress = (value: number, total?: number, message?: string) =>
      owner.slot?.progress?.(value, total, message === undefined ? undefined : this.redact(message));
    return this.instances.start({ log, progress }).catch((error: unknown) => {
      throw error instanceof InstanceEnded ? error : new InstanceEnded(`could not start: ${(error as Error).message}`);
    });
  }

  private async release(key: string): Promise<void> {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    slot.closed = true;
    const instance = await slot.instance?.catch(() => undefined);
    await instance?.terminate();
  }

  /** Releases instances idle longer than the limit, checking at most once a minute. */
  private sweepIdle(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      const now = performance.now();
      for (const [key, slot] of this.slots) {
        if (!slot.running && slot.waiting === 0 && now - slot.lastUsed > this.limits.idleMs) void this.release(key);
      }
      if (this.slots.size === 0) {
        clearInterval(this.sweeper);
        this.sweeper = undefined;
      }
    }, Math.min(this.limits.idleMs, 60_000));
    (this.sweeper as { unref?: () => void }).unref?.();
  }

  private checkSize(value: unknown): void {
    const bytes = resultSize(value);
    if (bytes > this.limits.maxResultBytes) {
      throw new HostError(
        'limit-exceeded',
        `the result of ${bytes} bytes exceeds the limit of ${this.limits.maxResultBytes} bytes (the servlet may ask for up to 64 MiB with "limits": { "maxResultBytes": … } in its manifest)`,
      );
    }
  }
}

function missing(iface: string): never {
  throw new ServletError(-32601, `this servlet exports no ${iface}`);
}

/** The values of the secrets in a context, by key. */
function secretValues(context: CapabilityContext): Map<string, string> {
  const secrets = new Map<string, string>();
  for (const key of context.config.secretKeys) {
    const value = context.config.values.get(key);
    if (value !== undefined) secrets.set(key, value);
  }
  return secrets;
}
