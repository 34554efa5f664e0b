/** `mcp-wasm serve`: serve every installed servlet over stdio, or over Streamable HTTP with `--http`. */
import type { Command } from 'commander';
import { serveGatewayOverStdio } from '@mcp-wasm/node';
import { createHost } from '../host.js';
import { serveHttp, type HttpOptions } from './serve-http.js';
import { UserError } from '../user-error.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve every installed servlet to an MCP client over stdio (or over HTTP with --http)')
    .option('--servlet <file.wasm...>', 'also serve these component files (not installed)')
    .option('--only <name...>', 'serve only these installed servlets')
    .option('--bare-names', 'serve tool and prompt names without the "<servlet>__" prefix (exactly one servlet must be served)')
    .option('--http', 'serve over Streamable HTTP (both MCP eras) instead of stdio, with authentication')
    .option('--port <n>', 'HTTP port (default 8931; 0 picks a free one)')
    .option('--host <address>', 'HTTP address to bind (default 127.0.0.1)')
    .option('--allow-origin <origin...>', 'browser origins allowed to call the server (e.g. http://localhost:6274)')
    .option('--allow-host <name...>', 'extra Host names clients use (a reverse proxy, or with --host 0.0.0.0)')
    .option('--auth <mode>', 'token (default: the bearer token of the home) or oauth')
    .option('--issuer <url>', 'with --auth oauth: the authorization server whose JWTs are accepted')
    .option('--audience <uri>', "with --auth oauth: this server's resource URI tokens must name (default: its URL)")
    .option('--scopes <a,b>', 'with --auth oauth: scopes every token must carry')
    .addHelpText(
      'after',
      `
Over stdio, logs and warnings go to stderr; stdout carries only MCP messages. The server exits when
the client closes stdin or on SIGTERM. Installed servlets live under MCP_WASM_HOME (default ~/.mcp-wasm).

Over HTTP (--http) the endpoint is http://127.0.0.1:8931/mcp. Every request needs
"Authorization: Bearer <token>": the token is made on first use, kept in the home, printed at start
with ready-to-paste client configurations, and shown again by \`mcp-wasm token\`. With --auth oauth
the server is an OAuth 2.1 resource server for --issuer instead. Requests whose Host is not this
server, or whose Origin is not allowed, get 403.

Example client configuration (stdio):
  { "mcpServers": { "mcp-wasm": { "command": "npx", "args": ["mcp-wasm", "serve"] } } }`,
    )
    .action(async (options: { servlet?: string[]; http?: boolean; only?: string[]; bareNames?: boolean } & HttpOptions) => {
      const host = createHost({ bareNames: options.bareNames });
      const installed = await host.addInstalled(options.only, { deferred: true });
      for (const file of options.servlet ?? []) await host.addFile(file);
      const missing = (options.only ?? []).filter((name) => !installed.some((servlet) => servlet.name === name));
      if (missing.length > 0) throw new UserError(`not installed (or not loadable): ${missing.join(', ')}. See \`mcp-wasm list\``);
      // Bare names cannot tell two servlets' tools apart, so they are refused unless exactly one is served.
      if (options.bareNames && host.gateway.list().length !== 1) {
        throw new UserError(`--bare-names needs exactly one servlet, but ${host.gateway.list().length} would be served: choose one with --only NAME`);
      }
      if (installed.length === 0 && !options.servlet?.length) {
        process.stderr.write('mcp-wasm: no servlets installed yet: serving nothing. Install one with `mcp-wasm install <file.wasm>`.\n');
      }
      if (options.http) await serveHttp(host, options);
      else await serveGatewayOverStdio(host.gateway);
    });
}
