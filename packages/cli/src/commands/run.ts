/** `mcp-wasm run <file.wasm>`: serve one component over stdio without installing it. */
import type { Command } from 'commander';
import { serveGatewayOverStdio } from '@mcp-wasm/node';
import { createHost } from '../host.js';

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('serve one component over stdio without installing it')
    .argument('<file.wasm>', 'the component to serve')
    .option('--name <name>', 'servlet name, the prefix of its tools (default: from the file name)')
    .addHelpText('after', '\nExample:\n  mcp-wasm run dist/hello.wasm')
    .action(async (file: string, options: { name?: string }) => {
      const host = createHost();
      await host.addFile(file, options.name);
      await serveGatewayOverStdio(host.gateway);
    });
}
