/**
 * Host side of `mcp-wasm:servlet/input`: the input-required rounds of one request (MCP
 * multi-round-trip results). The guest reads the client's answers of the previous round and ends a
 * round with `require`; each kind of request is refused unless its client feature is granted
 * (elicitation, sampling, roots), with a denial in the audit log, before anything is recorded.
 *
 * The round's data and the requirement travel the per-call channel (`ClientFeatureContext.ask`)
 * between the guest's thread and the handler of the request in progress, which alone knows the
 * client's answers and turns a requirement into the protocol result (gateway/input-round.ts).
 */
import type { ClientFeatureContext, LiveSlice } from '../context.js';
import { CAPABILITY_DENIED, errorValue, notGranted } from './client-features.js';

/** One embedded request of an input-required result, as MCP carries it. */
export interface InputRequest {
  method: 'elicitation/create' | 'sampling/createMessage' | 'roots/list';
  params: Record<string, unknown>;
}

/** What the guest may read of the current round. */
export interface InputRound {
  /** The client's declared capabilities (an MCP `ClientCapabilities` object). */
  clientCapabilities: Record<string, unknown>;
  /** The client's answers of the previous round, by the keys the servlet chose. */
  responses: Record<string, unknown>;
  /** The servlet's own state from the previous round, verified by the host. */
  state?: string;
}

/** The host's messages on the per-call channel; they never reach the client. */
export type InputChannelRequest =
  | { method: 'mcp-wasm/input-round'; params: Record<string, never> }
  | { method: 'mcp-wasm/input-required'; params: { inputRequests: Record<string, InputRequest>; state?: string } }
  | { method: 'mcp-wasm/resource-updated'; params: { uri: string } };

/** `input-request` of the WIT interface, as jco passes it. */
type WitInputRequest = { tag: 'elicit'; val: string } | { tag: 'sample'; val: string } | { tag: 'list-roots' };

const KEY = /^[A-Za-z0-9_.-]{1,64}$/;
const NO_ROUND: InputRound = { clientCapabilities: {}, responses: {} };

/** The top-level fields each request may carry; a servlet cannot slip anything else to the client. */
const ELICIT_FIELDS = ['mode', 'message', 'requestedSchema'];
const SAMPLE_FIELDS = ['messages', 'modelPreferences', 'systemPrompt', 'includeContext', 'temperature', 'maxTokens', 'stopSequences', 'metadata'];

function invalid(message: string) {
  return { code: -32602, message, data: undefined };
}

function paramsObject(text: string, key: string, fields: string[]): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalid(`the params of input request "${key}" are not valid JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`the params of input request "${key}" are not a JSON object`);
  const source = value as Record<string, unknown>;
  return Object.fromEntries(fields.filter((field) => source[field] !== undefined).map((field) => [field, source[field]]));
}

/** Converts and checks one request: its grant first (refusals are audited), then its shape. */
function inputRequest(slice: LiveSlice<ClientFeatureContext>, key: string, request: WitInputRequest): InputRequest {
  const feature = request.tag === 'elicit' ? 'elicitation' : request.tag === 'sample' ? 'sampling' : 'roots';
  if (!slice.current()[feature]) {
    slice.deny(`${feature} input request "${key.slice(0, 64)}"`, feature);
    throw errorValue(notGranted(feature));
  }
  switch (request.tag) {
    case 'elicit': {
      const params = paramsObject(request.val, key, ELICIT_FIELDS);
      if (typeof params.message !== 'string' || typeof params.requestedSchema !== 'object' || params.requestedSchema === null) {
        throw invalid(`elicitation request "${key}" needs a "message" string and a "requestedSchema" object`);
      }
      if (params.mode !== undefined && params.mode !== 'form') throw invalid(`elicitation request "${key}": only mode "form" is supported`);
      return { method: 'elicitation/create', params };
    }
    case 'sample': {
      const params = paramsObject(request.val, key, SAMPLE_FIELDS);
      if (!Array.isArray(params.messages) || typeof params.maxTokens !== 'number') {
        throw invalid(`sampling request "${key}" needs a "messages" array and a "maxTokens" number`);
      }
      return { method: 'sampling/createMessage', params };
    }
    case 'list-roots':
      return { method: 'roots/list', params: {} };
  }
}

/** The round of the call in progress; none where the call has no client (a call from the CLI). */
function askRound(context: ClientFeatureContext): InputRound {
  if (!context.ask) return NO_ROUND;
  try {
    return (context.ask({ method: 'mcp-wasm/input-round', params: {} }) as InputRound | undefined) ?? NO_ROUND;
  } catch {
    return NO_ROUND;
  }
}

/** `mcp-wasm:servlet/input` for one instance. */
export function createInput(slice: LiveSlice<ClientFeatureContext>): Record<string, unknown> {
  // The round is fetched once per call: the context object is new for every call.
  let cached: { context: ClientFeatureContext; round: InputRound } | undefined;
  const round = (): InputRound => {
    const context = slice.current();
    if (cached?.context !== context) cached = { context, round: askRound(context) };
    return cached.round;
  };
  return {
    clientCapabilities: () => JSON.stringify(round().clientCapabilities),
    response: (key: string) => {
      const value = Object.hasOwn(round().responses, key) ? round().responses[key] : undefined;
      return value === undefined ? undefined : JSON.stringify(value);
    },
    state: () => round().state,
    require: (requests: { key: string; request: WitInputRequest }[], state?: string) => {
      const inputRequests: Record<string, InputRequest> = {};
      for (const { key, request } of requests) {
        if (!KEY.test(key)) throw invalid(`input request key ${JSON.stringify(key.slice(0, 70))} is invalid: use 1 to 64 characters of A-Z a-z 0-9 _ . -`);
        if (Object.hasOwn(inputRequests, key)) throw invalid(`input request key "${key}" is used twice`);
        inputRequests[key] = inputRequest(slice, key, request);
      }
      if (requests.length === 0 && state === undefined) throw invalid('require needs at least one input request or a state');
      const context = slice.current();
      if (!context.ask) throw { code: CAPABILITY_DENIED, message: 'this host cannot ask the client from inside a call here (it needs servlets running in workers)', data: undefined };
      try {
        context.ask({ method: 'mcp-wasm/input-required', params: state === undefined ? { inputRequests } : { inputRequests, state } });
      } catch (error) {
        // An Error thrown from a host import would end the instance: the guest gets a value instead.
        throw { code: CAPABILITY_DENIED, message: (error as Error).message, data: undefined };
      }
    },
  };
}

/**
 * `mcp-wasm:servlet/notify` for one instance: always granted. The notice goes to the handler of the
 * call in progress, which tells its own client only (gateway/subscriptions.ts); outside a call, or
 * where there is no client, it is dropped.
 */
export function createNotify(slice: LiveSlice<ClientFeatureContext>): Record<string, unknown> {
  return {
    resourceUpdated: (uri: string) => {
      try {
        slice.current().ask?.({ method: 'mcp-wasm/resource-updated', params: { uri: uri.slice(0, 8192) } });
      } catch {
        // A notice nobody can hear is not the guest's failure.
      }
    },
  };
}
