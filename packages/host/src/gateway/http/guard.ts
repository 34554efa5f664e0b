/**
 * DNS-rebinding and cross-site protection for the HTTP endpoint: the `Host` header must name this
 * server (host and port), and an `Origin` header, when a browser sends one, must be this server's
 * own origin or one the person allowed. Both are checked before authentication and before any body is read.
 *
 * Why not the SDK's `hostHeaderValidationResponse` / `originValidationResponse`: they compare
 * hostnames only, port-agnostic. A page on another local port (`http://localhost:3000`, any dev
 * server) would pass them; here an origin is scheme, host and port, compared exactly.
 */

/** The hosts and origins a request may name. */
export interface GuardOptions {
  /** `host:port` values the `Host` header may carry (`127.0.0.1:8931`, `[::1]:8931`, `localhost:8931`). */
  allowedHosts: readonly string[];
  /** Origins (`http://localhost:6274`) a browser request may come from. Requests without `Origin` pass. */
  allowedOrigins: readonly string[];
}

/** A check run on every request: a 403 response when it must be refused, else undefined. */
export type RequestGuard = (request: Request) => Response | undefined;

/** `host:port` in the form the guard compares (lowercase, brackets around IPv6, explicit port). */
export function normalizeHost(host: string): string | undefined {
  try {
    const url = new URL(`http://${host}`);
    // A Host header is authority only: anything that parsed into a path, user or query is not one.
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || host.includes('/')) return undefined;
    return `${url.hostname}:${url.port || '80'}`;
  } catch {
    return undefined;
  }
}

/** `scheme://host:port` of an origin, or undefined when it is not a tuple origin (`null`, `file:`). */
export function normalizeOrigin(origin: string): string | undefined {
  try {
    const parsed = new URL(origin).origin;
    return parsed === 'null' ? undefined : parsed;
  } catch {
    return undefined;
  }
}

function forbidden(message: string): Response {
  return Response.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, { status: 403 });
}

/** The guard for `options`. */
export function requestGuard(options: GuardOptions): RequestGuard {
  const hosts = new Set(options.allowedHosts.map((host) => normalizeHost(host)).filter((host) => host !== undefined));
  // The server's own origins (http://<an allowed host>) are same-origin requests, always allowed.
  const ownOrigins = [...hosts].map((host) => `http://${host}`);
  const origins = new Set([...options.allowedOrigins, ...ownOrigins].map((origin) => normalizeOrigin(origin)).filter((origin) => origin !== undefined));
  return (request) => {
    const host = request.headers.get('host');
    const normalizedHost = host === null ? undefined : normalizeHost(host);
    if (!normalizedHost || !hosts.has(normalizedHost)) {
      return forbidden(`Host ${JSON.stringify(host ?? '')} is not this server: connect to ${[...hosts][0] ?? 'the address it listens on'}`);
    }
    const origin = request.headers.get('origin');
    // Non-browser clients send no Origin. A browser always does on cross-origin requests, and
    // `null` (opaque origins: sandboxed frames, file: pages) is refused like any unknown origin.
    if (origin !== null) {
      const normalizedOrigin = normalizeOrigin(origin);
      if (!normalizedOrigin || !origins.has(normalizedOrigin)) {
        return forbidden(`Origin ${JSON.stringify(origin)} is not allowed: start the server with --allow-origin ${normalizedOrigin ?? '<origin>'} to allow it`);
      }
    }
    return undefined;
  };
}

/** CORS headers for a request whose origin passed the guard (none for requests without `Origin`). */
export function corsHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  if (origin === null) return {};
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Mcp-Session-Id, Mcp-Protocol-Version, WWW-Authenticate',
    Vary: 'Origin',
  };
}

/** The answer to a CORS preflight from an allowed origin. */
export function preflightResponse(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      ...corsHeaders(request),
      'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
      'Access-Control-Allow-Headers':
        'Authorization, Content-Type, Accept, Last-Event-ID, Mcp-Session-Id, Mcp-Protocol-Version, Mcp-Method, Mcp-Name',
      'Access-Control-Max-Age': '600',
    },
  });
}
