/** `mcp-wasm serve --http`: the gateway over Streamable HTTP, with the token or OAuth. */
import { DEFAULT_HTTP_PORT, httpToken, HttpServeError, serveGatewayOverHttp, type HttpAuthMode, type NodeHost } from '@mcp-wasm/node';
import { httpClientConfigs } from '../client-config.js';
import { UserError } from '../user-error.js';

/** The options of `serve` that concern HTTP. */
export interface HttpOptions {
  port?: string;
  host?: string;
  allowOrigin?: string[];
  allowHost?: string[];
  auth?: string;
  issuer?: string;
  audience?: string;
  scopes?: string;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HTTP_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${value}: give a port number from 0 to 65535 (0 picks a free one)`);
  return port;
}

function authMode(options: HttpOptions, tokenFile: string): HttpAuthMode {
  const mode = options.auth ?? 'token';
  if (mode === 'token') {
    if (options.issuer || options.audience || options.scopes) throw new UserError('--issuer, --audience and --scopes go with --auth oauth');
    return { kind: 'token', tokenFile };
  }
  if (mode !== 'oauth') throw new UserError(`--auth ${mode}: choose token (the default) or oauth`);
  if (!options.issuer) throw new UserError('--auth oauth needs --issuer <url>: the authorization server whose tokens this server accepts');
  const scopes = options.scopes?.split(',').map((scope) => scope.trim()).filter(Boolean);
  return { kind: 'oauth', issuer: options.issuer, audience: options.audience, scopes };
}

/** Serves `host`'s gateway over HTTP until SIGINT/SIGTERM; prints how to connect on stderr. */
export async function serveHttp(host: NodeHost, options: HttpOptions): Promise<void> {
  const auth = authMode(options, host.home.httpToken);
  const say = (text: string) => process.stderr.write(`${text}\n`);
  // Made before the first request can arrive: the server reads it on every request.
  const token = auth.kind === 'token' ? (await httpToken(host.home)).token : undefined;
  let running;
  try {
    running = await serveGatewayOverHttp(host.gateway, {
      host: options.host,
      port: parsePort(options.port),
      auth,
      allowOrigins: options.allowOrigin,
      allowHosts: options.allowHost,
    });
  } catch (error) {
    if (error instanceof HttpServeError) throw new UserError(error.message);
    throw error;
  }
  const url = running.url.href;
  say(`mcp-wasm is serving ${host.gateway.list().length} servlet(s) over Streamable HTTP at ${url}`);
  if (!['127.0.0.1', '::1', 'localhost', undefined].includes(options.host)) {
    say('mcp-wasm: warning: this address is reachable from other machines and HTTP is not encrypted: put a TLS proxy in front of it.');
  }
  if (token !== undefined) {
    say(`Bearer token (kept in ${host.home.httpToken}; \`mcp-wasm token --rotate\` replaces it):\n  ${token}\n`);
    say('Connect an MCP client with one of these configurations:\n');
    say(httpClientConfigs(url, token));
  } else if (auth.kind === 'oauth') {
    say(`OAuth: tokens of ${auth.issuer} for ${auth.audience ?? url}${auth.scopes?.length ? ` with scopes ${auth.scopes.join(' ')}` : ''}.`);
    say(`Protected resource metadata: ${new URL('/.well-known/oauth-protected-resource', url).href}`);
  }
  say('\nServing until Ctrl-C.');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  await host.close();
}
