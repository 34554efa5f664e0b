/** `mcp-wasm token`: print (or replace) the bearer token that `serve --http` requires. */
import type { Command } from 'commander';
import { httpToken, resolveHome, rotateHttpToken } from '@mcp-wasm/node';

export function registerToken(program: Command): void {
  program
    .command('token')
    .description('print the bearer token HTTP clients of `mcp-wasm serve --http` must send')
    .option('--rotate', 'replace the token: clients holding the old one are refused from their next request')
    .addHelpText(
      'after',
      `
The token is made on first use and kept in MCP_WASM_HOME/http-token, readable by you only. Clients
send it as "Authorization: Bearer <token>". A running server reads it on every request, so a
rotated token applies at once, without a restart. \`mcp-wasm config --http\` prints client
configurations containing it.`,
    )
    .action(async (options: { rotate?: boolean }) => {
      const home = resolveHome();
      const token = options.rotate ? await rotateHttpToken(home) : (await httpToken(home)).token;
      if (options.rotate) process.stderr.write('mcp-wasm: the token was replaced; update your client configurations.\n');
      process.stdout.write(`${token}\n`);
    });
}
