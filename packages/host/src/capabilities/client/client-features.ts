/**
 * Host side of the MCP client features a servlet can ask for (`mcp-wasm:servlet/sampling`,
 * `elicitation`) and of upstream MCP servers. Each is off unless granted: a refusal is an error
 * value the guest sees (`-32001`, naming what to grant) and a denial in the audit log.
 *
 * Granted sampling and elicitation need the client's answer while the guest waits inside its call;
 * the gateway cannot be asked from the servlet's own thread, so until servlets run off the main
 * thread a granted request is answered with an error that says so, never silently dropped.
 */
import type { ClientFeatureContext, LiveSlice } from '../context.js';

/** The JSON-RPC code of a refused capability, in the MCP-WASM `error` record. */
export const CAPABILITY_DENIED = -32001;

/** The message of a refusal: what is missing and how a person grants it. */
function notGranted(capability: string): string {
  return `${capability} is not granted to this servlet; the person can grant it with \`mcp-wasm grant <servlet> --allow ${capability}\``;
}

/** The MCP-WASM `error` record a refused host import returns. */
function errorValue(message: string) {
  return { code: CAPABILITY_DENIED, message, data: undefined };
}

/** Refuses `feature` unless granted; granted, explains that this host cannot serve it yet. */
function clientFeature(slice: LiveSlice<ClientFeatureContext>, feature: 'sampling' | 'elicitation'): never {
  if (!slice.current()[feature]) {
    slice.deny(`${feature} request`, feature);
    throw errorValue(notGranted(feature));
  }
  throw errorValue(`${feature} is granted, but this host cannot ask the client from inside a call yet; it comes with servlets running off the main thread`);
}

/** `mcp-wasm:servlet/sampling`, `elicitation` and `upstream` for one instance. */
export function createClientFeatures(slice: LiveSlice<ClientFeatureContext>): Record<string, Record<string, unknown>> {
  const upstream = (server: string) => {
    slice.deny(`upstream server ${JSON.stringify(server.slice(0, 100))}`, 'upstream');
    throw errorValue('upstream MCP servers are not supported by this host yet');
  };
  return {
    'mcp-wasm:servlet/sampling': { createMessage: () => clientFeature(slice, 'sampling') },
    'mcp-wasm:servlet/elicitation': { elicit: () => clientFeature(slice, 'elicitation') },
    'mcp-wasm:servlet/upstream': { listTools: upstream, callTool: upstream },
  };
}
