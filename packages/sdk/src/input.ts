/**
 * `@mcp-wasm/sdk/input`: ask the client for input in rounds (MCP "input required" results), for
 * tools, prompts and resources. Works with clients of both MCP eras.
 *
 * ```ts
 * import { accepted, request, requireInput } from '@mcp-wasm/sdk/input';
 * run: () => {
 *   const answer = accepted('user_name');                       // undefined in the first round
 *   if (!answer) requireInput({ user_name: request.elicit('What is your name?', { name: { type: 'string' } }, ['name']) });
 *   return `Hello, ${answer.name}!`;
 * }
 * ```
 * `requireInput` ends the round: the client answers and sends the request again, and the handler
 * runs again from the start, now with the answers. Declare `"elicitation"`, `"sampling"` or `"roots"`
 * in servlet.json for the kinds you ask; anything else is refused with `InputError`.
 */
import { clientCapabilities as witClientCapabilities, require as witRequire, response as witResponse, state as witState, type InputRequest } from 'mcp-wasm:servlet/input@0.1.0';
import { witErrorPayload } from './wit-error.js';

export type { InputRequest };

/** A request could not be made (not granted, an invalid key or params): `message` says why. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Thrown by `requireInput` to end the round; the SDK turns it into the input-required answer. */
export class InputRequiredSignal extends Error {
  constructor() {
    super('input required: the client answers and sends the request again');
    this.name = 'InputRequiredSignal';
  }
}

/** Builders for the requests of a round. */
export const request = {
  /** Ask the person: `properties` is a flat JSON Schema object's properties. Needs "elicitation". */
  elicit(message: string, properties: Record<string, unknown>, required: string[] = []): InputRequest {
    return { tag: 'elicit', val: JSON.stringify({ message, requestedSchema: { type: 'object', properties, required } }) };
  },
  /** Ask the client's model to answer `prompt`. Needs "sampling". */
  sample(prompt: string, options: { maxTokens?: number; systemPrompt?: string; temperature?: number } = {}): InputRequest {
    const messages = [{ role: 'user', content: { type: 'text', text: prompt } }];
    return { tag: 'sample', val: JSON.stringify({ messages, maxTokens: options.maxTokens ?? 1024, ...options }) };
  },
  /** Ask for the client's roots. Needs "roots". */
  listRoots(): InputRequest {
    return { tag: 'list-roots' };
  },
};

/** Ends this round with `requests` (by the keys their answers come back under) and `state`. */
export function requireInput(requests: Record<string, InputRequest>, state?: string): never {
  try {
    witRequire(
      Object.entries(requests).map(([key, value]) => ({ key, request: value })),
      state,
    );
  } catch (error) {
    const payload = witErrorPayload(error) as { message?: string } | undefined;
    throw new InputError(payload?.message ?? String(payload));
  }
  throw new InputRequiredSignal();
}

/** The client's answer to the request of `key` in the previous round (the bare MCP result), if any. */
export function response(key: string): unknown {
  const text = witResponse(key);
  return text === undefined ? undefined : (JSON.parse(text) as unknown);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the person entered for the elicitation of `key`, when they accepted it. */
export function accepted(key: string): Record<string, unknown> | undefined {
  const answer = response(key);
  return isObject(answer) && answer.action === 'accept' && isObject(answer.content) ? answer.content : undefined;
}

/** The text the client's model answered to the sampling request of `key`. */
export function sampled(key: string): string | undefined {
  const answer = response(key);
  const content = isObject(answer) ? answer.content : undefined;
  const block = Array.isArray(content) ? content[0] : content;
  return isObject(block) && block.type === 'text' && typeof block.text === 'string' ? block.text : undefined;
}

/** The roots the client listed for the request of `key`. */
export function roots(key: string): { uri: string; name?: string }[] | undefined {
  const answer = response(key);
  if (!isObject(answer) || !Array.isArray(answer.roots)) return undefined;
  return answer.roots.filter((root): root is { uri: string; name?: string } => isObject(root) && typeof root.uri === 'string');
}

/** The state passed to `requireInput` in the previous round; the host guarantees it is unaltered. */
export function state(): string | undefined {
  return witState();
}

/** The capabilities the client declared (`{ elicitation: {}, sampling: {}, ... }`). */
export function clientCapabilities(): Record<string, unknown> {
  const parsed = JSON.parse(witClientCapabilities()) as unknown;
  return isObject(parsed) ? parsed : {};
}
