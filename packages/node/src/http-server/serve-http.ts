/**
 * `mcp-wasm serve --http`: the gateway's Streamable HTTP endpoint on a node:http server. Binds
 * 127.0.0.1 by default; the Host header must name the address bound (any loopback name when bound
 * to loopback), so a DNS-rebinding page cannot reach the server under a name of its own.
 */
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildOAuthProtectedResourceMetadata } from '@modelcontextprotocol/server';
import { createHttpEndpoint, type Gateway, type HttpAuth, type HttpEndpoint } from '@mcp-wasm/host';
import { discoverIssuer, jwtVerifier } from './jwt-verifier.js';
import { nodeListener } from './node-adapter.js';
import { staticTokenVerifier } from './token-verifier.js';

/** How clients authenticate. */
export type HttpAuthMode =
  /** The home's bearer token (`http-token`), read on every request. */
  | { kind: 'token'; tokenFile: string }
  /** OAuth 2.1: JWTs of `issuer` for `audience` (default: this server's URL), with `scopes`. */
  | { kind: 'oauth'; issuer: string; audience?: string; scopes?: string[] };

/** Options of `serveGatewayOverHttp`. */
export interface HttpServeOptions {
  /** Address to bind. Default 127.0.0.1. */
  host?: string;
  /** Port; 0 picks a free one. Default 8931. */
  port?: number;
  auth: HttpAuthMode;
  /** Browser origins allowed besides none (`http://localhost:6274`). */
  allowOrigins?: string[];
  /** Extra Host names clients may use (`mcp.example.com`, a reverse proxy's name). */
  allowHosts?: string[];
  /** Hears protocol-level failures. */
  onError?: (error: Error) => void;
}

/** A server that is listening. */
export interface RunningHttpServer {
  /** The MCP endpoint's URL. */
  url: URL;
  port: number;
  endpoint: HttpEndpoint;
  close(): Promise<void>;
}

/** A configuration mistake, with what to do instead. */
export class HttpServeError extends Error {
  override name = 'HttpServeError';
}

/** The default port: fixed, so pasted client configurations keep working across restarts. */
export const DEFAULT_HTTP_PORT = 8931;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::']);

function authority(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function listen(server: HttpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new HttpServeError(`port ${port} on ${host} is in use: stop the other server or pick another with --port (0 picks a free one)`));
      else if (error.code === 'EADDRNOTAVAIL') reject(new HttpServeError(`${host} is not an address of this machine: use --host 127.0.0.1`));
      else reject(error);
    });
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

async function authOptions(auth: HttpAuthMode, url: URL): Promise<HttpAuth> {
  if (auth.kind === 'token') return { verifier: staticTokenVerifier(auth.tokenFile) };
  let metadata;
  try {
    metadata = await discoverIssuer(auth.issuer);
  } catch (error) {
    throw new HttpServeError(`--issuer ${auth.issuer}: ${(error as Error).message}`);
  }
  const audience = auth.audience ?? url.href;
  const resourceMetadata = { oauthMetadata: metadata, resourceServerUrl: new URL(audience), scopesSupported: auth.scopes, resourceName: 'mcp-wasm' };
  try {
    buildOAuthProtectedResourceMetadata(resourceMetadata); // fails now, not per request, on an insecure issuer
  } catch (error) {
    throw new HttpServeError(`--issuer ${auth.issuer}: ${(error as Error).message}`);
  }
  return { verifier: jwtVerifier(metadata, audience), requiredScopes: auth.scopes, expectedResource: new URL(audience), resourceMetadata };
}

/** Serves `gateway` over Streamable HTTP until `close()`. */
export async function serveGatewayOverHttp(gateway: Gateway, options: HttpServeOptions): Promise<RunningHttpServer> {
  const host = options.host ?? '127.0.0.1';
  if (WILDCARD.has(host) && !options.allowHosts?.length) {
    throw new HttpServeError(`--host ${host} listens on every interface: name the host clients connect to with --allow-host <name>`);
  }
  let endpoint: HttpEndpoint | undefined;
  let origin = '';
  const server = createServer(
    nodeListener(async (request) => endpoint?.fetch(request) ?? new Response('starting', { status: 503 }), () => origin),
  );
  const port = await listen(server, host, options.port ?? DEFAULT_HTTP_PORT);
  const publicHost = WILDCARD.has(host) ? options.allowHosts![0]! : host;
  origin = `http://${authority(publicHost, port)}`;
  const url = new URL('/mcp', origin);
  const withPort = (name: string) => (/:\d+$/.test(name) && !name.endsWith(']') ? name : authority(name.replace(/^\[|\]$/g, ''), port));
  const allowedHosts = LOOPBACK.has(host) ? [...LOOPBACK].map((name) => authority(name, port)) : WILDCARD.has(host) ? [] : [authority(host, port)];
  allowedHosts.push(...(options.allowHosts ?? []).map(withPort));
  try {
    const auth = await authOptions(options.auth, url);
    // Behind a reverse proxy the audience names the public host: requests arrive under that name.
    if (auth.expectedResource && auth.expectedResource.host !== url.host) allowedHosts.push(auth.expectedResource.host.includes(':') || auth.expectedResource.port ? auth.expectedResource.host : `${auth.expectedResource.host}:${auth.expectedResource.protocol === 'https:' ? 443 : 80}`);
    endpoint = createHttpEndpoint((session) => gateway.createServer({ session }), { auth, allowedHosts, allowedOrigins: options.allowOrigins ?? [], onError: options.onError });
  } catch (error) {
    server.close();
    throw error;
  }
  const running = endpoint;
  return {
    url,
    port,
    endpoint: running,
    close: async () => {
      await running.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
