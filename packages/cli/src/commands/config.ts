/** `mcp-wasm config`: print client configurations that serve this home. */
import type { Command } from 'commander';
import { resolveHome } from '@mcp-wasm/node';
import { clientConfigs } from '../client-config.js';

export function registerConfig(program: Command): void {
  program
    .command('config')
    .description('print MCP client configurations (Claude Desktop, VS Code, Inspector) that serve this home')
    .action(() => {
      process.stdout.write(`${clientConfigs(resolveHome().root)}\n`);
    });
}
