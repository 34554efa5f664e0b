/** `mcp-wasm config`: print client configurations that serve this home. */
import type { Command } from 'commander';
import { DEFAULT_HTTP_PORT, httpToken, resolveHome } from '@mcp-wasm/node';
import { clientConfigs, httpClientConfigs } from '../client-config.js';

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print MCP client configurations (Claude Desktop, VS Code, Cursor, Inspector) that serve this home')
    .option('--http [url]', `configurations for \`mcp-wasm serve --http\` at url (default http://127.0.0.1:${DEFAULT_HTTP_PORT}/mcp), with the token`)
    .action(async (options: { http?: boolean | string }) => {
      const home = resolveHome();
      if (options.http) {
        const url = typeof options.http === 'string' ? options.http : `http://127.0.0.1:${DEFAULT_HTTP_PORT}/mcp`;
        process.stdout.write(`${httpClientConfigs(url, (await httpToken(home)).token)}\n`);
        return;
      }
      process.stdout.write(`${clientConfigs(home.root)}\n`);
    });
}
