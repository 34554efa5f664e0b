/**
 * The 2025-11-25 leg of the HTTP endpoint: sessions. `initialize` opens one, with its own protocol
 * server (and so its own servlet instances: the gateway gives each server a session slot) and its
 * own SSE event store; the SDK's Streamable HTTP transport does the protocol work (POST, the GET
 * stream, resumability, DELETE). A session ends on DELETE, when the endpoint closes, or when it has
 * been idle and room is needed; its servlet instances end with it.
 *
 * A session belongs to the principal that opened it: a request naming the session of another
 * principal is answered as if the session did not exist (with several OAuth users, a leaked session
 * id is not a credential).
 */
import { isInitializeRequest, WebStandardStreamableHTTPServerTransport, type AuthInfo, type Server } from '@modelcontextprotocol/server';
import { MemoryEventStore } from './event-store.js';

/** Limits on the sessions one endpoint keeps. */
export interface SessionLimits {
  /** Open sessions at most; when full, the longest-idle session past `idleMs` is closed. Default 256. */
  maxSessions?: number;
  /** A session unused for this long may be closed to make room. Default 10 minutes. */
  idleMs?: number;
}

interface Session {
  transport: WebStandardStreamableHTTPServerTransport;
  principal: string;
  lastUsed: number;
}

/** A JSON-RPC error answer with an HTTP status. */
export function jsonRpcError(status: number, code: number, message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code, message }, id: null }, { status });
}

/** The sessions of one endpoint. */
export class LegacySessions {
  private readonly sessions = new Map<string, Session>();
  private readonly maxSessions: number;
  private readonly idleMs: number;

  constructor(
    private readonly createServer: () => Server,
    limits: SessionLimits = {},
  ) {
    this.maxSessions = limits.maxSessions ?? 256;
    this.idleMs = limits.idleMs ?? 10 * 60_000;
  }

  /** How many sessions are open. */
  get size(): number {
    return this.sessions.size;
  }

  /** Serves a 2025-era request; `parsedBody` is the POST body, already read and parsed. */
  async handle(request: Request, parsedBody: unknown, principal: string, authInfo: AuthInfo | undefined): Promise<Response> {
    const id = request.headers.get('mcp-session-id');
    if (id !== null) {
      const session = this.sessions.get(id);
      if (!session || session.principal !== principal) return jsonRpcError(404, -32001, 'Session not found: it ended; start a new one with initialize');
      session.lastUsed = Date.now();
      return session.transport.handleRequest(request, { parsedBody, authInfo });
    }
    if (request.method === 'POST' && isInitializeRequest(parsedBody)) return this.open(request, parsedBody, principal, authInfo);
    return jsonRpcError(400, -32000, 'Bad Request: no Mcp-Session-Id header; start a session with initialize');
  }

  /** Ends every session. */
  async close(): Promise<void> {
    const sessions = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(sessions.map((session) => session.transport.close().catch(() => undefined)));
  }

  private async open(request: Request, parsedBody: unknown, principal: string, authInfo: AuthInfo | undefined): Promise<Response> {
    if (this.sessions.size >= this.maxSessions && !(await this.evictIdle())) {
      return jsonRpcError(503, -32000, `Too many sessions (${this.maxSessions}): close one (DELETE) or try again later`);
    }
    const transport = new WebStandardStreamableHTTPServerTransport({
      // Session ids are capabilities of a sort: random, unguessable, never derived from the client.
      sessionIdGenerator: () => crypto.randomUUID(),
      eventStore: new MemoryEventStore(),
      onsessioninitialized: (sessionId) => {
        this.sessions.set(sessionId, session);
      },
      onsessionclosed: (sessionId) => {
        this.sessions.delete(sessionId);
      },
    });
    const session: Session = { transport, principal, lastUsed: Date.now() };
    const server = this.createServer();
    await server.connect(transport);
    // Closing the transport closes the server (the SDK chains onclose), which ends the session's
    // servlet instances; the map entry goes too, whichever way the transport was closed.
    const chained = transport.onclose;
    transport.onclose = () => {
      const sessionId = transport.sessionId;
      if (sessionId !== undefined && this.sessions.get(sessionId) === session) this.sessions.delete(sessionId);
      chained?.();
    };
    const response = await transport.handleRequest(request, { parsedBody, authInfo });
    // An initialize that failed (bad params) opened no session: nothing must stay behind.
    if (transport.sessionId === undefined || !this.sessions.has(transport.sessionId)) await server.close().catch(() => undefined);
    return response;
  }

  /** Closes the longest-idle session if it has been idle long enough; true if one was closed. */
  private async evictIdle(): Promise<boolean> {
    let oldest: Session | undefined;
    for (const session of this.sessions.values()) if (!oldest || session.lastUsed < oldest.lastUsed) oldest = session;
    if (!oldest || Date.now() - oldest.lastUsed < this.idleMs) return false;
    await oldest.transport.close().catch(() => undefined);
    return true;
  }
}
