/** `mcp-wasm run <file.wasm>`: serve one component over stdio without installing it. */
import type { Command } from 'commander';
import { serveGatewayOverStdio, servletNameFromFile } from '@mcp-wasm/node';
import { addGrantOptions, type GrantOptions } from '../grant-options.js';
import { createHost } from '../host.js';
import { adHocGrants } from '../mount-choice.js';

export function registerRun(program: Command): void {
  const command = program
    .command('run')
    .description('serve one component or Extism plugin over stdio without installing it (granted nothing unless you say so)')
    .argument('<file.wasm>', 'the component to serve')
    .option('--name <name>', 'servlet name, the prefix of its tools (default: from the file name)');
  addGrantOptions(command).addHelpText('after', '\nExamples:\n  mcp-wasm run dist/hello.wasm\n  mcp-wasm run dist/notes.wasm --mount ./notes:/data:ro');
  command.action(async (file: string, options: GrantOptions & { name?: string }) => {
      const host = createHost();
      const name = options.name ?? servletNameFromFile(file);
      await host.addFile(file, name, (manifest) => adHocGrants(name, manifest, options, host.home));
      await serveGatewayOverStdio(host.gateway);
    });
}
