/** Creates the Node host for a command: the home from MCP_WASM_HOME, warnings on stderr. */
import { NodeHost, resolveHome } from '@mcp-wasm/node';
import { VERSION } from './version.js';

/**
 * A host whose warnings go to stderr (stdout may carry MCP messages). With `logToStderr`, servlet
 * logs are printed there too (for one-shot commands, which have no client to notify).
 */
export function createHost(options: { logToStderr?: boolean; bareNames?: boolean } = {}): NodeHost {
  return new NodeHost(resolveHome(), {
    version: VERSION,
    bareNames: options.bareNames,
    onWarning: (message) => process.stderr.write(`mcp-wasm: warning: ${message}\n`),
    onLog: options.logToStderr ? (servlet, level, message) => process.stderr.write(`[${servlet}] ${level}: ${message}\n`) : undefined,
  });
}
