/**
 * Host side of the MCP client features a servlet can ask for (`mcp-wasm:servlet/sampling`,
 * `elicitation`) and of upstream MCP servers. Each is off unless granted: a refusal is an error
 * value the guest sees (`-32001`, naming what to grant) and a denial in the audit log.
 *
 * Granted sampling and elicitation need the client's answer while the guest waits inside its call:
 * the slice's `ask` blocks until the client answers (the Node adapter runs each servlet in a worker
 * and asks through the gateway's thread). Where there is no `ask`, a granted request is answered
 * with an error that says so, never silently dropped.
 */
import type { ClientFeatureContext, LiveSlice } from '../context.js';
import { elicitationRequest, elicitationResult, samplingRequest, samplingResult, type ClientRequest, type WitCreateMessageRequest } from './client-messages.js';
import { createInput, createNotify } from './input.js';

/** The JSON-RPC code of a refused capability, in the MCP-WASM `error` record. */
export const CAPABILITY_DENIED = -32001;

/** The message of a refusal: what is missing and how a person grants it. */
export function notGranted(capability: string): string {
  return `${capability} is not granted to this servlet; the person can grant it with \`mcp-wasm grant <servlet> --allow ${capability}\``;
}

/** The MCP-WASM `error` record a refused host import returns. */
export function errorValue(message: string) {
  return { code: CAPABILITY_DENIED, message, data: undefined };
}

/** Asks the client for `feature` when granted; else refuses. Failures are error values with the reason. */
function askClient(slice: LiveSlice<ClientFeatureContext>, feature: 'sampling' | 'elicitation', request: () => ClientRequest): unknown {
  const context = slice.current();
  if (!context[feature]) {
    slice.deny(`${feature} request`, feature);
    throw errorValue(notGranted(feature));
  }
  if (!context.ask) throw errorValue(`${feature} is granted, but this host cannot ask the client from inside a call here (it needs servlets running in workers)`);
  try {
    return context.ask(request());
  } catch (error) {
    throw errorValue(`the client did not answer the ${feature} request: ${(error as Error).message}`);
  }
}

/** `mcp-wasm:servlet/sampling`, `elicitation` and `upstream` for one instance. */
export function createClientFeatures(slice: LiveSlice<ClientFeatureContext>): Record<string, Record<string, unknown>> {
  const upstream = (server: string) => {
    slice.deny(`upstream server ${JSON.stringify(server.slice(0, 100))}`, 'upstream');
    throw errorValue('upstream MCP servers are not supported by this host yet');
  };
  return {
    'mcp-wasm:servlet/sampling': {
      createMessage: (request: WitCreateMessageRequest) => samplingResult(askClient(slice, 'sampling', () => samplingRequest(request))),
    },
    'mcp-wasm:servlet/elicitation': {
      elicit: (message: string, schema: string) => elicitationResult(askClient(slice, 'elicitation', () => elicitationRequest(message, schema))),
    },
    'mcp-wasm:servlet/input': createInput(slice),
    'mcp-wasm:servlet/notify': createNotify(slice),
    'mcp-wasm:servlet/upstream': { listTools: upstream, callTool: upstream },
  };
}
