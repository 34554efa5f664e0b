/**
 * A loaded servlet: one compiled component and at most one live instance, created on first use.
 * Calls run one at a time (a component instance is not re-entrant). A trap, a stack overflow or an
 * exit ends the instance; the next call gets a fresh one, so one bad call never poisons the next.
 */
import { emptyCapabilities, type CapabilityContext, type CapabilityProvider } from '../capabilities/context.js';
import type { CompiledComponent, ComponentExports } from '../component/compiler.js';
import { linkImports } from '../component/linker.js';
import { redactSecrets } from '../capabilities/config/redact.js';
import type { ToolPins } from '../pins/tool-pins.js';
import type { LogSink } from '../wasi/log-sink.js';
import type { CompletionExport, PromptsExport, ResourcesExport, ToolsExport, WitError } from './wit-types.js';

/** The servlet answered with an error value (a protocol error such as "unknown tool"). */
export class ServletError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'ServletError';
  }
}

/** The servlet's instance ended abnormally (trap, stack overflow, exit, refused capability). */
export class ServletTrap extends Error {
  constructor(
    readonly servlet: string,
    readonly reason: string,
  ) {
    super(`servlet "${servlet}" stopped abnormally: ${reason}`);
    this.name = 'ServletTrap';
  }
}

/** Receives progress of the call in progress. */
export type ProgressListener = (progress: number, total?: number, message?: string) => void;

/** The interfaces a servlet may export; absent ones are undefined. */
export interface ServletExports {
  tools?: ToolsExport;
  resources?: ResourcesExport;
  prompts?: PromptsExport;
  completion?: CompletionExport;
}

const EXPORT_NAMES = ['tools', 'resources', 'prompts', 'completion'] as const;

function pickExports(exports: ComponentExports): ServletExports {
  const picked: Record<string, unknown> = {};
  for (const name of EXPORT_NAMES) {
    picked[name] = exports[name] ?? exports[`mcp-wasm:servlet/${name}@0.1.0`];
  }
  return picked as ServletExports;
}

function isErrorPayload(value: unknown): value is WitError {
  return typeof value === 'object' && value !== null && typeof (value as WitError).code === 'number' && typeof (value as WitError).message === 'string';
}

/** A servlet ready to serve calls. */
export class Servlet {
  private instance: ServletExports | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private progress: ProgressListener | undefined;
  private context: CapabilityContext;
  /** How many instances were created so far (1 after the first call; more after traps). */
  instancesCreated = 0;

  constructor(
    /** The servlet's name, unique in this host. */
    readonly name: string,
    /** The SHA-256 of the component's bytes. */
    readonly digest: string,
    private readonly compiled: CompiledComponent,
    private readonly importNames: readonly string[],
    private readonly log: LogSink,
    /** Asked at the start of every call: grants changed since the last call apply to this one. */
    private readonly capabilities: CapabilityProvider = () => emptyCapabilities(name),
    /** Approved tool definitions; undefined for a servlet run ad hoc, whose tools are all offered. */
    readonly pins?: ToolPins,
  ) {
    this.context = emptyCapabilities(name);
  }

  /**
   * Runs `fn` with the servlet's exports, after every earlier call has finished. Error values
   * become `ServletError`; anything else thrown ends the instance and becomes `ServletTrap`.
   */
  use<T>(fn: (exports: ServletExports) => T, onProgress?: ProgressListener): Promise<T> {
    const run = async () => {
      this.context = this.capabilities();
      const exports = await this.live();
      this.progress = onProgress;
      try {
        return fn(exports);
      } catch (error) {
        throw this.classify(error);
      } finally {
        this.progress = undefined;
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** `value` with the values of the servlet's granted secrets redacted, before it leaves the host. */
  redact<T>(value: T): T {
    const secrets = secretValues(this.context);
    return secrets.size > 0 ? redactSecrets(value, secrets) : value;
  }

  private async live(): Promise<ServletExports> {
    if (this.instance) return this.instance;
    // Log lines and progress messages leave the host too: secrets are redacted from them as well.
    const log: LogSink = (level, message, context) => this.log(level, this.redact(message), context);
    const imports = linkImports(
      this.importNames,
      { log, progress: (progress, total, message) => this.progress?.(progress, total, message === undefined ? undefined : this.redact(message)) },
      () => this.context,
    );
    try {
      this.instance = pickExports(await this.compiled.instantiate(imports));
    } catch (error) {
      throw new ServletTrap(this.name, `could not start: ${describe(error)}`);
    }
    this.instancesCreated++;
    return this.instance;
  }

  private classify(error: unknown): Error {
    if (error instanceof ServletError) return error;
    const payload = (error as { payload?: unknown } | null)?.payload;
    if (isErrorPayload(payload)) {
      let data: unknown;
      try {
        data = payload.data === undefined ? undefined : JSON.parse(payload.data);
      } catch {
        data = payload.data;
      }
      return new ServletError(payload.code, payload.message, data);
    }
    this.instance = undefined; // a trapped instance is never reused
    return new ServletTrap(this.name, describe(error));
  }
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

/** A short description of whatever a guest or the engine threw. */
function describe(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return 'stack overflow (too deep recursion)';
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
