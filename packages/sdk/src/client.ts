/**
 * `@mcp-wasm/sdk/client`: ask the person's MCP client for things, as granted at install.
 *
 * ```ts
 * import { ask, sample } from '@mcp-wasm/sdk/client';
 * const summary = sample('Summarise: ' + page, { maxTokens: 200 });          // needs "sampling"
 * const answer = ask('Which account?', { account: { type: 'string' } });       // needs "elicitation"
 * ```
 * Declare `"sampling": { "purpose": … }` or `"elicitation": { "purpose": … }` in servlet.json. A call
 * that is not granted, or that the client cannot serve, throws `ClientError` with the reason.
 */
import { createMessage } from 'mcp-wasm:servlet/sampling@0.1.0';
import { elicit } from 'mcp-wasm:servlet/elicitation@0.1.0';
import { witErrorPayload } from './wit-error.js';

/** The client could not be asked, or refused: `message` says why (for example "sampling is not granted"). */
export class ClientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientError';
  }
}

function failure(error: unknown): ClientError {
  const payload = witErrorPayload(error) as { message?: string } | undefined;
  return new ClientError(payload?.message ?? String(payload));
}

/** Options of one sampling request. */
export interface SampleOptions {
  maxTokens?: number;
  systemPrompt?: string;
  temperature?: number;
  /** Model names to prefer, best first. */
  models?: string[];
}

/** Asks the client's model to answer `prompt`; returns its text (or a description of non-text content). */
export function sample(prompt: string, options: SampleOptions = {}): { text: string; model: string } {
  try {
    const result = createMessage({
      messages: [{ role: 'user', content: { tag: 'text', val: { text: prompt } } }],
      systemPrompt: options.systemPrompt,
      maxTokens: options.maxTokens ?? 1024,
      temperature: options.temperature,
      stopSequences: [],
      modelPreferences: options.models ? { hints: options.models } : undefined,
    });
    const text = result.content.tag === 'text' ? result.content.val.text : `[${result.content.tag} content]`;
    return { text, model: result.model };
  } catch (error) {
    throw failure(error);
  }
}

/** What the person did with a question. */
export type AskResult = { action: 'accept'; content: Record<string, unknown> } | { action: 'decline' } | { action: 'cancel' };

/**
 * Asks the person `message`, expecting an object whose properties are described by `properties`
 * (a flat JSON Schema: strings, numbers, booleans, enums).
 */
export function ask(message: string, properties: Record<string, unknown>, required: string[] = []): AskResult {
  try {
    const action = elicit(message, JSON.stringify({ type: 'object', properties, required }));
    return action.tag === 'accept' ? { action: 'accept', content: JSON.parse(action.val) as Record<string, unknown> } : { action: action.tag };
  } catch (error) {
    throw failure(error);
  }
}
