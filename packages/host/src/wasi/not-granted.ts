/**
 * Implementations for capabilities this servlet was not granted. Deny by default: each one answers
 * as its interface specifies for a refusal (an error value or nothing visible); where the interface
 * has no refusal value (constructing an HTTP request), the call traps with a message that names
 * the missing capability.
 */

/** A refusal that ends the call: a trap whose message names the capability that is missing. */
export class CapabilityDenied extends Error {
  constructor(readonly capability: string) {
    super(`${capability} is not granted to this servlet; grant it at install (see \`mcp-wasm install --help\`)`);
    this.name = 'CapabilityDenied';
  }
}

/** The MCP-WASM `error` record returned when a host import is not granted. */
function deniedError(capability: string) {
  return { code: -32001, message: new CapabilityDenied(capability).message, data: undefined };
}

/** Refusing implementations, by unversioned interface name. */
export function notGranted(): Record<string, Record<string, unknown>> {
  return {
    'mcp-wasm:servlet/sampling': {
      createMessage() {
        throw deniedError('sampling');
      },
    },
    'mcp-wasm:servlet/elicitation': {
      elicit() {
        throw deniedError('elicitation');
      },
    },
    'mcp-wasm:servlet/upstream': {
      listTools() {
        throw deniedError('upstream MCP servers');
      },
      callTool() {
        throw deniedError('upstream MCP servers');
      },
    },
  };
}
