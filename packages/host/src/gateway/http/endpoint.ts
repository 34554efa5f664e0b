/**
 * The gateway's Streamable HTTP endpoint, web-standard (`Request` in, `Response` out): both MCP eras
 * on one path, behind DNS-rebinding protection and bearer authentication that is always on.
 *
 * Every request goes through, in order: the Host/Origin guard (403), CORS preflight, the OAuth
 * discovery documents (public by design, RFC 9728), the path (404), authentication (401/403), the
 * body (415, 413, parse error), then the era: a request carrying the 2026-07-28 envelope goes to the
 * SDK's `createMcpHandler` (stateless: one protocol server per request), anything else to the
 * 2025-11-25 sessions. The SDK classifies the era (`isLegacyRequest`); we never guess it.
 *
 * Isolation: a 2025-11-25 session has its own servlet instances for its lifetime. The 2026-07-28
 * era has no session, so the isolation unit is the principal (who the verified token belongs to):
 * its stateless requests are served by a few instances kept for it (`STATELESS_INSTANCES`, picked in
 * turn, released when idle), and never by an instance another principal's requests reach. A fresh
 * instance per request would isolate a principal's requests from each other too, but would cost an
 * instance start (hundreds of milliseconds) on every request, and the era promises clients no
 * server-side state anyway.
 *
 * The credential stops here: the `Authorization` header is removed from the request the protocol
 * layer sees, and the verified identity is passed on without the token. Servlets receive neither.
 */
import {
  bearerAuthChallengeResponse,
  createMcpHandler,
  getOAuthProtectedResourceMetadataUrl,
  isJsonContentType,
  isLegacyRequest,
  oauthMetadataResponse,
  readRequestBody,
  verifyBearerToken,
  type AuthInfo,
  type AuthMetadataOptions,
  type McpServerFactory,
  type OAuthTokenVerifier,
  type Server,
  type ServerNotifier,
} from '@modelcontextprotocol/server';
import { corsHeaders, preflightResponse, requestGuard, type GuardOptions } from './guard.js';
import { jsonRpcError, LegacySessions, type SessionLimits } from './sessions.js';

/** How requests are authenticated. */
export interface HttpAuth {
  /** Verifies a bearer token; throws the SDK's `OAuthError` (invalid_token) to refuse it. */
  verifier: OAuthTokenVerifier;
  /** Scopes every token must carry (403 insufficient_scope otherwise). */
  requiredScopes?: string[];
  /** The audience tokens must be issued for (this server's resource URI), when tokens name one. */
  expectedResource?: URL;
  /** When this server is an OAuth resource server: what its RFC 9728 metadata document says. */
  resourceMetadata?: AuthMetadataOptions;
}

/** Options of the endpoint. */
export interface HttpEndpointOptions extends GuardOptions, SessionLimits {
  /** The path of the MCP endpoint. Default `/mcp`. */
  path?: string;
  auth: HttpAuth;
  /** Largest request body accepted, in bytes. Default 4 MiB. */
  maxBodyBytes?: number;
  /** Hears failures the protocol layer reported (rejected requests, transport errors). */
  onError?: (error: Error) => void;
}

/** A running endpoint. */
export interface HttpEndpoint {
  /** Serves one request. Never throws: failures are answers. */
  fetch(request: Request): Promise<Response>;
  /** Publishes change events to open 2026-07-28 `subscriptions/listen` streams. */
  notify: ServerNotifier;
  /** Ends every session and in-flight exchange. */
  close(): Promise<void>;
  /** Open 2025-11-25 sessions. */
  sessionCount(): number;
}

const DEFAULT_MAX_BODY = 4 * 1024 * 1024;

/** Instance sessions per principal for stateless requests: a few, so concurrent requests need not queue on one. */
const STATELESS_INSTANCES = 4;

/** Who a verified token belongs to, for binding sessions to it. */
function principalOf(auth: AuthInfo): string {
  return JSON.stringify([auth.clientId, auth.extra?.subject ?? null]);
}

/**
 * Creates the endpoint. `createServer` makes one protocol server per call: in a session slot of its
 * own, or in the named `session` slot, shared with the servers named alike.
 */
export function createHttpEndpoint(createServer: (session?: string) => Server, options: HttpEndpointOptions): HttpEndpoint {
  const path = options.path ?? '/mcp';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const guard = requestGuard(options);
  const { auth } = options;
  const resourceMetadataUrl = auth.resourceMetadata ? getOAuthProtectedResourceMetadataUrl(auth.resourceMetadata.resourceServerUrl) : undefined;
  const challenge = { requiredScopes: auth.requiredScopes, resourceMetadataUrl };
  // Each principal's stateless requests take its instance sessions in turn.
  const turns = new Map<string, number>();
  const factory: McpServerFactory = ({ authInfo }) => {
    const principal = authInfo ? principalOf(authInfo) : 'anonymous';
    const turn = turns.get(principal) ?? 0;
    if (turns.size >= 10_000) turns.clear(); // only turn-taking is lost: the sessions stay keyed by principal
    turns.set(principal, turn + 1);
    return createServer(`stateless ${principal} ${turn % STATELESS_INSTANCES}`);
  };
  const modern = createMcpHandler(factory, { legacy: 'reject', maxRequestBodySize: maxBodyBytes, onerror: options.onError });
  const sessions = new LegacySessions(createServer, options);

  /** 401 for a request that carries no credential: no `error` code then (RFC 6750 §3.1). */
  function unauthenticated(): Response {
    const parameters = ['realm="mcp-wasm"'];
    if (auth.requiredScopes?.length) parameters.push(`scope="${auth.requiredScopes.join(' ')}"`);
    if (resourceMetadataUrl) parameters.push(`resource_metadata="${resourceMetadataUrl}"`);
    return Response.json(
      { error: 'unauthorized', error_description: 'This server requires a bearer token: send Authorization: Bearer <token> (`mcp-wasm token` prints it)' },
      { status: 401, headers: { 'WWW-Authenticate': `Bearer ${parameters.join(', ')}` } },
    );
  }

  async function authenticate(request: Request): Promise<AuthInfo | Response> {
    const header = request.headers.get('authorization');
    if (header === null || header.trim() === '') return unauthenticated();
    try {
      return await verifyBearerToken(header, { verifier: auth.verifier, requiredScopes: auth.requiredScopes, expectedResource: auth.expectedResource, resourceMetadataUrl });
    } catch (error) {
      return bearerAuthChallengeResponse(error, challenge);
    }
  }

  /** The OAuth discovery documents, at the root and path-suffixed well-known locations. */
  function metadata(request: Request): Response | undefined {
    if (!auth.resourceMetadata) return undefined;
    const url = new URL(request.url);
    if (url.pathname.replace(/\/$/, '') === '/.well-known/oauth-protected-resource') {
      // The SDK serves the path-aware location (RFC 9728 §3.1); clients that probe the root get the same document.
      url.pathname = new URL(resourceMetadataUrl!).pathname;
      return oauthMetadataResponse(new Request(url, { method: request.method, headers: request.headers }), auth.resourceMetadata);
    }
    return oauthMetadataResponse(request, auth.resourceMetadata);
  }

  async function serve(request: Request): Promise<Response> {
    if (request.method === 'OPTIONS') return preflightResponse(request);
    const document = metadata(request);
    if (document) return document;
    if (new URL(request.url).pathname !== path) return jsonRpcError(404, -32000, `Not found: the MCP endpoint is ${path}`);
    const identity = await authenticate(request);
    if (identity instanceof Response) return identity;

    let parsedBody: unknown;
    let bodyText: string | undefined;
    if (request.method === 'POST') {
      if (!isJsonContentType(request.headers.get('content-type'))) return jsonRpcError(415, -32000, 'Unsupported Media Type: Content-Type must be application/json');
      const read = await readRequestBody(request, maxBodyBytes);
      if (read.tooLarge) return jsonRpcError(413, -32000, `Request body too large: at most ${maxBodyBytes} bytes`);
      bodyText = read.text;
      try {
        parsedBody = JSON.parse(bodyText);
      } catch {
        return jsonRpcError(400, -32700, 'Parse error: the request body is not valid JSON');
      }
    }

    // The credential is consumed here: what goes on carries neither the header nor the token.
    const headers = new Headers(request.headers);
    headers.delete('authorization');
    const inner = new Request(request.url, { method: request.method, headers, body: bodyText, signal: request.signal });
    const authInfo: AuthInfo = { ...identity, token: '' };
    if (await isLegacyRequest(inner, parsedBody, { maxRequestBodySize: maxBodyBytes })) {
      return sessions.handle(inner, parsedBody, principalOf(identity), authInfo);
    }
    return modern.fetch(inner, { authInfo, parsedBody });
  }

  return {
    fetch: async (request) => {
      // Refused before anything else, and without CORS headers: the browser must not read the answer.
      const refused = guard(request);
      if (refused) return refused;
      let response: Response;
      try {
        response = await serve(request);
      } catch (error) {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        response = jsonRpcError(500, -32603, 'Internal error');
      }
      const cors = corsHeaders(request);
      if (Object.keys(cors).length === 0) return response;
      // Some SDK responses have immutable headers; a copy carries the CORS headers the browser needs.
      const headers = new Headers(response.headers);
      for (const [name, value] of Object.entries(cors)) headers.set(name, value);
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    },
    notify: modern.notify,
    close: async () => {
      await Promise.all([sessions.close(), modern.close()]);
    },
    sessionCount: () => sessions.size,
  };
}
