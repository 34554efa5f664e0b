/** `mcp-wasm serve`: serve every installed servlet over stdio. */
import type { Command } from 'commander';
import { serveGatewayOverStdio } from '@mcp-wasm/node';
import { createHost } from '../host.js';

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve every installed servlet to an MCP client over stdio')
    .option('--servlet <file.wasm...>', 'also serve these component files (not installed)')
    .addHelpText(
      'after',
      `
Logs and warnings go to stderr; stdout carries only MCP messages. The server exits when the
client closes stdin or on SIGTERM. Installed servlets live under MCP_WASM_HOME (default ~/.mcp-wasm).

Example client configuration:
  { "mcpServers": { "mcp-wasm": { "command": "npx", "args": ["mcp-wasm", "serve"] } } }`,
    )
    .action(async (options: { servlet?: string[] }) => {
      const host = createHost();
      const installed = await host.addInstalled();
      for (const file of options.servlet ?? []) await host.addFile(file);
      if (installed.length === 0 && !options.servlet?.length) {
        process.stderr.write('mcp-wasm: no servlets installed yet: serving nothing. Install one with `mcp-wasm install <file.wasm>`.\n');
      }
      await serveGatewayOverStdio(host.gateway);
    });
}
