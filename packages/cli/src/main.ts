/** The `mcp-wasm` command line. */
import { Command, CommanderError } from 'commander';
import { registerBuild } from './commands/build.js';
import { registerCall } from './commands/call.js';
import { registerConfig } from './commands/config.js';
import { registerConfigure } from './commands/configure.js';
import { registerGrant } from './commands/grant.js';
import { registerInfo } from './commands/info.js';
import { registerInstall } from './commands/install.js';
import { registerLogs } from './commands/logs.js';
import { registerList } from './commands/list.js';
import { registerNew } from './commands/new.js';
import { registerRun } from './commands/run.js';
import { registerSecret } from './commands/secret.js';
import { registerServe } from './commands/serve.js';
import { registerToken } from './commands/token.js';
import { registerUninstall } from './commands/uninstall.js';
import { registerUpdate } from './commands/update.js';
import { userMessage } from './user-error.js';
import { VERSION } from './version.js';

function program(): Command {
  const cli = new Command('mcp-wasm')
    .description('Run MCP tools as sandboxed WebAssembly servlets')
    .version(VERSION, '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .addHelpText('after', '\nState lives under MCP_WASM_HOME (default ~/.mcp-wasm). Run `mcp-wasm <command> --help` for details.');
  const commands = [
    registerServe,
    registerRun,
    registerCall,
    registerInstall,
    registerList,
    registerInfo,
    registerUpdate,
    registerUninstall,
    registerGrant,
    registerLogs,
    registerConfigure,
    registerSecret,
    registerConfig,
    registerToken,
    registerBuild,
    registerNew,
  ];
  for (const register of commands) {
    register(cli);
  }
  for (const command of cli.commands) command.exitOverride();
  return cli;
}

/** Runs the CLI with `argv`; returns the exit code. User mistakes print one line, bugs a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander already printed it
    const message = userMessage(error);
    if (message) {
      process.stderr.write(`mcp-wasm: ${message}\n`);
      return 1;
    }
    process.stderr.write(`mcp-wasm: internal error, please report it:\n${(error as Error).stack ?? String(error)}\n`);
    return 70;
  }
}
