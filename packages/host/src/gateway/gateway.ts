/**
 * The gateway: one MCP server that serves the tools, resources and prompts of every loaded
 * servlet. It creates a protocol server per client connection (both MCP eras); all of them share
 * the servlets. A servlet that traps yields an `isError` result and the gateway keeps serving.
 */
import { ProtocolError, Server, type CallToolResult, type ServerContext, type Tool } from '@modelcontextprotocol/server';
import type { AuditSink, CallOutcome } from '../audit/audit.js';
import { HostError } from '../errors.js';
import { ToolWithheld } from '../pins/withheld.js';
import * as convert from '../servlet/convert.js';
import type { ListingStore } from '../servlet/listing.js';
import { ServletError, ServletTrap, type CallOptions, type Servlet } from '../servlet/servlet.js';
import type { LogLevel, LogSink } from '../wasi/log-sink.js';
import { Catalog, type CatalogEntry } from './catalog.js';
import { RequestChannel, newStateCodec } from './request-channel.js';
import { ResourceRouter } from './resources.js';
import { Subscriptions } from './subscriptions.js';

/** JSON-RPC "invalid params", also used for unknown tools and prompts. */
const INVALID_PARAMS = -32602;

/** How the gateway presents itself to clients. */
export interface GatewayOptions {
  /** Server name shown to clients. */
  name?: string;
  /** Server version shown to clients. */
  version: string;
  /** Told about servlet items withheld and servlets that failed; never reaches stdout. */
  onWarning?: (message: string) => void;
  /** Hears every servlet log message, besides the connected clients. */
  onLog?: (servlet: string, level: LogLevel, message: string) => void;
  /** Hears every call, withheld tool and log line, for the audit log. */
  audit?: AuditSink;
  /**
   * Serve tool and prompt names as the servlet gives them, without the `<servlet>__` prefix. Only
   * for a gateway serving exactly one servlet (names of two servlets could not be told apart):
   * listing refuses otherwise. Default false.
   */
  bareNames?: boolean;
  /**
   * The stored approved listings of installed servlets: the catalog is built from them without
   * starting any instance. Servlets without one are listed live.
   */
  listings?: ListingStore;
}

/** Serves a set of servlets as one MCP server. */
export class Gateway {
  private readonly servlets: Servlet[] = [];
  private readonly servers = new Set<Server>();
  private sessions = 0;
  private catalog: Promise<Catalog> | undefined;
  private resources: ResourceRouter | undefined;
  /** Signs the servlets' input-required state; one key for every protocol server of this gateway. */
  private readonly stateCodec = newStateCodec();
  private readonly subscriptions = new Subscriptions();

  constructor(private readonly options: GatewayOptions) {}

  /** Adds a servlet. Its name must be unique in this gateway. */
  add(servlet: Servlet): void {
    if (this.servlets.some((s) => s.name === servlet.name)) {
      throw new HostError('name-collision', `two servlets are named "${servlet.name}": rename one of them`);
    }
    this.servlets.push(servlet);
    this.catalog = undefined;
    this.resources = undefined;
  }

  /** The servlets served, in the order they were added. */
  list(): readonly Servlet[] {
    return this.servlets;
  }

  /**
   * A log sink for servlet `name`: every message reaches `onLog` and the audit log. The client hears
   * only the lines of its own calls (through the request's channel), at the level it asked for:
   * a servlet's log never crosses from one client's session to another's.
   */
  logSink(name: string): LogSink {
    return (level: LogLevel, message: string, context?: string) => {
      const logger = context ? `${name}:${context}` : name;
      this.options.onLog?.(logger, level, message);
      this.options.audit?.({ type: 'log', servlet: name, level, message });
    };
  }

  /** The catalog of tools and prompts, built on first use. */
  getCatalog(): Promise<Catalog> {
    if (this.options.bareNames && this.servlets.length !== 1) {
      return Promise.reject(new HostError('name-collision', `bare names need exactly one servlet, but ${this.servlets.length} are served: serve one (--only NAME)`));
    }
    this.catalog ??= Catalog.build(this.servlets, {
      warn: (message) => this.options.onWarning?.(message),
      audit: this.options.audit,
      bareNames: this.options.bareNames,
      listings: this.options.listings,
    });
    return this.catalog;
  }

  /** Calls a tool by its client-facing name. Unknown names are a protocol error. */
  async callTool(name: string, args: Record<string, unknown> | undefined, options: CallOptions = {}): Promise<CallToolResult> {
    return this.callEntry(await this.toolEntry(name), args, options);
  }

  private async toolEntry(name: string): Promise<CatalogEntry<Tool>> {
    const entry = (await this.getCatalog()).tools.get(name);
    if (!entry) throw new ProtocolError(INVALID_PARAMS, `Unknown tool: ${name}. List the tools to see what this server offers.`);
    return entry;
  }

  private async callEntry(entry: CatalogEntry<Tool>, args: Record<string, unknown> | undefined, options: CallOptions): Promise<CallToolResult> {
    const argumentsJson = JSON.stringify(args ?? {});
    const started = performance.now();
    let outcome: CallOutcome = 'host-error';
    try {
      const [result, ended] = await this.runTool(entry, argumentsJson, options);
      outcome = ended;
      return result;
    } catch (error) {
      outcome = error instanceof ProtocolError ? 'protocol-error' : 'host-error';
      throw error;
    } finally {
      const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
      const argumentBytes = new TextEncoder().encode(argumentsJson).length;
      this.options.audit?.({ type: 'call', servlet: entry.servlet.name, tool: entry.original, argumentBytes, outcome, durationMs });
    }
  }

  /** Runs a tool; traps and host failures become `isError` results, error values protocol errors. */
  private async runTool(entry: CatalogEntry<Tool>, argumentsJson: string, options: CallOptions): Promise<[CallToolResult, CallOutcome]> {
    const name = entry.definition.name;
    const failed = (text: string): CallToolResult => ({ content: [{ type: 'text', text: entry.servlet.redact(text) }], isError: true });
    try {
      const result = await entry.servlet.callTool(entry.original, argumentsJson, options);
      const converted = entry.servlet.redact(convert.callToolResult(result, name));
      return [converted, converted.isError ? 'tool-error' : 'ok'];
    } catch (error) {
      if (error instanceof ServletError) throw new ProtocolError(error.code, entry.servlet.redact(error.message), entry.servlet.redact(error.data));
      if (error instanceof ServletTrap) return [failed(`Tool ${name} failed: ${error.message}. The servlet was restarted; you may retry.`), 'trap'];
      if (error instanceof HostError) return [failed(`Tool ${name} failed: ${error.message}`), 'host-error'];
      if (error instanceof ToolWithheld) {
        this.options.audit?.({ type: 'withheld', servlet: error.servlet, tool: error.tool, reason: error.reason });
        this.options.onWarning?.(error.message);
        return [failed(`Tool ${name} was refused: ${error.message}`), 'withheld'];
      }
      throw error;
    }
  }

  /**
   * Creates the protocol server for one client connection: a session of its own, so servlet
   * instances (and their state) are never shared with another connection. With `session`, the
   * server joins that named session instead, which outlives it (its instances are released when
   * idle): stateless requests of one principal share instances this way (see gateway/http/endpoint.ts).
   */
  createServer(options: { session?: string } = {}): Server {
    const server = new Server(
      { name: this.options.name ?? 'mcp-wasm', version: this.options.version },
      {
        capabilities: { tools: {}, resources: { subscribe: true }, prompts: {}, completions: {}, logging: {} },
        // Input-required state is refused (-32602) unless this gateway signed it (see request-channel.ts).
        requestState: { verify: (state, ctx) => this.stateCodec.verify(state, ctx) },
      },
    );
    const shared = options.session !== undefined;
    const session = options.session ?? `session-${++this.sessions}`;
    // A second session means many may follow (HTTP): keep an instance of each servlet ready for them.
    if (!shared && this.sessions === 2) for (const servlet of this.servlets) servlet.keepInstancesReady();
    this.register(server, session);
    this.servers.add(server);
    server.onclose = () => {
      this.servers.delete(server);
      this.subscriptions.forget(server);
      if (!shared) for (const servlet of this.servlets) servlet.endSession(session);
    };
    return server;
  }

  private router(): ResourceRouter {
    // Stored templates route without starting instances; a catalog that cannot be built (bare names with many servlets) stores none.
    this.resources ??= new ResourceRouter(this.servlets, () => this.getCatalog().then((catalog) => catalog.templates, () => new Map()));
    return this.resources;
  }

  private register(server: Server, session: string): void {
    server.setRequestHandler('tools/list', async () => ({
      tools: [...(await this.getCatalog()).tools.values()].map((entry) => entry.definition),
    }));

    server.setRequestHandler('tools/call', async (request, ctx) => {
      const entry = await this.toolEntry(request.params.name);
      const channel = this.channel(server, ctx, entry.servlet.name, entry.original);
      const result = await this.callEntry(entry, request.params.arguments, { session, ...channel.callOptions() });
      await channel.flush();
      return (await channel.inputRequired()) ?? server.projectCallToolResult(result, entry.definition.outputSchema);
    });

    server.setRequestHandler('resources/list', (request) => this.protocolErrors(() => this.router().list(request.params?.cursor)));
    server.setRequestHandler('resources/templates/list', (request) =>
      this.protocolErrors(() => this.router().listTemplates(request.params?.cursor)),
    );
    server.setRequestHandler('resources/read', (request, ctx) =>
      this.protocolErrors(async () => {
        const uri = request.params.uri;
        const read = await this.router().read(uri, { session }, (servlet) => this.channel(server, ctx, servlet, uri));
        return (await read.channel?.inputRequired()) ?? read.result;
      }),
    );
    server.setRequestHandler('resources/subscribe', (request) => {
      this.subscriptions.add(server, request.params.uri);
      return {};
    });
    server.setRequestHandler('resources/unsubscribe', (request) => {
      this.subscriptions.remove(server, request.params.uri);
      return {};
    });

    server.setRequestHandler('prompts/list', async () => ({
      prompts: [...(await this.getCatalog()).prompts.values()].map((entry) => entry.definition),
    }));

    server.setRequestHandler('prompts/get', async (request, ctx) => {
      const entry = (await this.getCatalog()).prompts.get(request.params.name);
      if (!entry) throw new ProtocolError(INVALID_PARAMS, `Unknown prompt: ${request.params.name}. List the prompts to see what this server offers.`);
      const args = Object.entries(request.params.arguments ?? {}).map(([name, value]) => ({ name, value: String(value) }));
      const channel = this.channel(server, ctx, entry.servlet.name, entry.original);
      return this.protocolErrors(async () => {
        const rendered = await entry.servlet.getPrompt(entry.original, args, { session, ...channel.callOptions() });
        await channel.flush();
        return (await channel.inputRequired()) ?? entry.servlet.redact(convert.promptResult(rendered));
      });
    });

    server.setRequestHandler('completion/complete', async (request, ctx) => {
      const { ref, argument } = request.params;
      const context = Object.entries(request.params.context?.arguments ?? {}).map(([name, value]) => ({ name, value }));
      let servlet: Servlet | undefined;
      let witRef: { tag: 'prompt'; val: string } | { tag: 'resource-template'; val: string };
      if (ref.type === 'ref/prompt') {
        const entry = (await this.getCatalog()).prompts.get(ref.name);
        servlet = entry?.servlet;
        witRef = { tag: 'prompt', val: entry?.original ?? ref.name };
      } else {
        servlet = await this.router().templateOwner(ref.uri);
        witRef = { tag: 'resource-template', val: ref.uri };
      }
      if (!servlet) return { completion: { values: [], hasMore: false } };
      const target = servlet;
      return this.protocolErrors(async () => {
        const result = await target.complete(witRef, argument, context, { session, signal: ctx.mcpReq.signal });
        const completion = { values: result.values.slice(0, 100), hasMore: result.hasMore || result.values.length > 100 };
        return { completion: result.total === undefined ? completion : { ...completion, total: result.total } };
      });
    });
  }

  /** The channel between a request and the servlet call serving it. */
  private channel(server: Server, ctx: ServerContext, servlet: string, item: string): RequestChannel {
    return new RequestChannel(ctx, this.stateCodec, { servlet, item }, {
      clientCapabilities: server.getClientCapabilities() as Record<string, unknown> | undefined,
      resourceUpdated: (uri) => this.subscriptions.notify(server, uri),
    });
  }

  /** Runs a non-tool request, turning servlet failures into protocol errors. */
  private async protocolErrors<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ServletError) throw new ProtocolError(error.code, error.message, error.data);
      if (error instanceof ServletTrap || error instanceof HostError) throw new ProtocolError(-32603, error.message);
      throw error;
    }
  }
}
