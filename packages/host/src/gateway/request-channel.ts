/**
 * The channel between a servlet call and the MCP request it serves: what the guest asks of the
 * client, the request's input-required round, its log lines and progress.
 *
 * Eras: on 2025-11-25 a granted sampling or elicitation call is a server-to-client request the
 * guest waits for. On 2026-07-28 the server may not send requests; a servlet asks through
 * `mcp-wasm:servlet/input` instead and the request answers "input required". That also works on
 * 2025-11-25, where the SDK fulfils the round with server-to-client requests and runs the handler
 * again. The servlet's state crosses the client signed (HMAC, bound to the method, the servlet and
 * the item), so an altered, foreign or expired state is refused with -32602 before any servlet runs.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  PROTOCOL_VERSION_META_KEY,
  ProtocolError,
  createRequestStateCodec,
  inputRequired,
  type InputRequiredResult,
  type InputRequests,
  type LoggingLevel,
  type RequestStateCodec,
  type ServerContext,
} from '@modelcontextprotocol/server';
import type { ClientRequest } from '../capabilities/client/client-messages.js';
import type { InputRequest, InputRound } from '../capabilities/client/input.js';
import type { CallOptions } from '../servlet/servlet.js';
import type { LogLevel } from '../wasi/log-sink.js';

/** What the signed request state holds. */
interface SignedState {
  /** The servlet and item (tool, prompt or resource URI) the state belongs to. */
  s: string;
  i: string;
  /** The servlet's own state. */
  st: string;
}

/** A fresh HMAC codec with a random key: every round of a flow is served by this process. */
export function newStateCodec(): RequestStateCodec<SignedState> {
  const key = crypto.getRandomValues(new Uint8Array(32));
  return createRequestStateCodec<SignedState>({ key, ttlSeconds: 600, bind: (ctx) => ctx.mcpReq.method });
}

/** The request's 2026-07-28 `_meta` envelope (the SDK types it loosely), empty on 2025-11-25. */
function envelope(ctx: ServerContext): Record<string, unknown> {
  return (ctx.mcpReq.envelope ?? {}) as Record<string, unknown>;
}

/** Whether a request is served on the 2026-07-28 era (it carries the per-request envelope). */
export function isModernRequest(ctx: ServerContext): boolean {
  return envelope(ctx)[PROTOCOL_VERSION_META_KEY] !== undefined;
}

/** One request's channel to the servlet call that serves it. */
export class RequestChannel {
  private required: { inputRequests: Record<string, InputRequest>; state?: string } | undefined;
  private readonly pending: Promise<void>[] = [];
  private readonly round: InputRound;

  constructor(
    private readonly ctx: ServerContext,
    private readonly codec: RequestStateCodec<SignedState>,
    /** The servlet and the item it serves. */
    private readonly target: { servlet: string; item: string },
    private readonly connection: {
      /** The client's capabilities as declared at initialize (2025-11-25). */
      clientCapabilities: Record<string, unknown> | undefined;
      /** Tells the client that a resource changed, if it subscribed to it. */
      resourceUpdated(uri: string): Promise<void>;
    },
  ) {
    const signed = ctx.mcpReq.requestState<SignedState>();
    // The codec proved integrity; a state minted for another servlet or item is refused all the same.
    if (signed !== undefined && (typeof signed !== 'object' || signed.s !== target.servlet || signed.i !== target.item)) {
      throw new ProtocolError(-32602, 'Invalid or expired requestState', { reason: 'invalid_request_state' });
    }
    const declared = isModernRequest(ctx) ? envelope(ctx)[CLIENT_CAPABILITIES_META_KEY] : connection.clientCapabilities;
    this.round = {
      clientCapabilities: (declared ?? {}) as Record<string, unknown>,
      responses: ctx.mcpReq.inputResponses ?? {},
      ...(signed ? { state: signed.st } : {}),
    };
  }

  /** Answers the guest's requests; the servlet layer passes it as `askClient`. */
  readonly ask = async (request: ClientRequest): Promise<unknown> => {
    switch (request.method) {
      case 'mcp-wasm/input-round':
        return this.round;
      case 'mcp-wasm/input-required':
        this.required = request.params;
        return null;
      case 'mcp-wasm/resource-updated':
        this.pending.push(this.connection.resourceUpdated(request.params.uri));
        return null;
      default:
        if (isModernRequest(this.ctx)) {
          throw new Error(
            'this client speaks MCP 2026-07-28, where a server cannot send it requests during a call: the servlet must ask through input-required rounds (@mcp-wasm/sdk/input)',
          );
        }
        return this.ctx.mcpReq.send({ method: request.method, params: request.params });
    }
  };

  /** How the servlet call is made: its log, progress, cancellation and client go through this channel. */
  callOptions(): Pick<CallOptions, 'onLog' | 'onProgress' | 'signal' | 'askClient'> {
    return { onLog: this.log, onProgress: this.progress(), signal: this.ctx.mcpReq.signal, askClient: this.ask };
  }

  /** Sends a servlet log line to this request's client, filtered by the level it asked for. */
  private readonly log = (level: LogLevel, message: string, context?: string): void => {
    const logger = context ? `${this.target.servlet}:${context}` : this.target.servlet;
    this.pending.push(this.ctx.mcpReq.log(level as LoggingLevel, message, logger).catch(() => undefined));
  };

  /** Sends progress to this request's client, when it asked for progress. */
  private progress(): ((progress: number, total?: number, message?: string) => void) | undefined {
    const progressToken = this.ctx.mcpReq._meta?.progressToken;
    if (progressToken === undefined) return undefined;
    return (progress, total, message) => {
      const params = { progressToken, progress, ...(total === undefined ? {} : { total }), ...(message === undefined ? {} : { message }) };
      this.pending.push(this.ctx.mcpReq.notify({ method: 'notifications/progress', params }).catch(() => undefined));
    };
  }

  /**
   * Waits for the notifications of the call, so none is written after the response (a client drops
   * progress for a request it has already finished).
   */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await Promise.all(this.pending);
    // The SDK client dispatches notifications a microtask late but responses at once, so a
    // notification that shares a read with the response is lost; a separate write makes that unlikely.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** The input-required result the servlet asked for in this round, if it did. */
  async inputRequired(): Promise<InputRequiredResult | undefined> {
    if (!this.required) return undefined;
    const { inputRequests, state } = this.required;
    const requestState =
      state === undefined ? undefined : await this.codec.mint({ s: this.target.servlet, i: this.target.item, st: state }, this.ctx);
    const hasRequests = Object.keys(inputRequests).length > 0;
    // The host built each request from the servlet's checked params (capabilities/client/input.ts).
    return inputRequired({ ...(hasRequests ? { inputRequests: inputRequests as InputRequests } : {}), ...(requestState === undefined ? {} : { requestState }) });
  }
}
