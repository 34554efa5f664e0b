/**
 * The MCP-WASM sampling and elicitation records, to and from the MCP messages a client receives.
 * Only what the interfaces carry crosses: a servlet cannot slip extra fields into a request.
 */
import type { ContentBlock } from '@modelcontextprotocol/server';
import { contentBlock } from '../../servlet/convert.js';
import type { WitContentBlock, WitRole } from '../../servlet/wit-types.js';
import type { InputChannelRequest } from './input.js';

/** `create-message-request` of `mcp-wasm:servlet/sampling`, as jco passes it. */
export interface WitCreateMessageRequest {
  messages: { role: WitRole; content: WitContentBlock }[];
  systemPrompt?: string;
  maxTokens: number;
  temperature?: number;
  stopSequences: string[];
  modelPreferences?: { hints: string[]; costPriority?: number; speedPriority?: number; intelligencePriority?: number };
}

/**
 * A request the host makes of the client on a servlet's behalf, or one of the host's own messages
 * about the request in progress (its input-required round, see input.ts), which travel the same
 * per-call channel from the guest's thread to the request's handler and never reach the client.
 */
export type ClientRequest =
  | { method: 'sampling/createMessage'; params: Record<string, unknown> }
  | { method: 'elicitation/create'; params: Record<string, unknown> }
  | InputChannelRequest;

function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/** The `sampling/createMessage` request for a servlet's `create-message-request`. */
export function samplingRequest(request: WitCreateMessageRequest): ClientRequest {
  const preferences = request.modelPreferences;
  return {
    method: 'sampling/createMessage',
    params: defined({
      messages: request.messages.map((message) => ({ role: message.role, content: contentBlock(message.content) })),
      systemPrompt: request.systemPrompt,
      maxTokens: request.maxTokens,
      temperature: request.temperature,
      stopSequences: request.stopSequences.length > 0 ? request.stopSequences : undefined,
      modelPreferences: preferences
        ? defined({
            hints: preferences.hints.map((name) => ({ name })),
            costPriority: preferences.costPriority,
            speedPriority: preferences.speedPriority,
            intelligencePriority: preferences.intelligencePriority,
          })
        : undefined,
    }),
  };
}

function fromBase64(data: string): Uint8Array {
  return Uint8Array.from(atob(data), (character) => character.charCodeAt(0));
}

/** A client's content block as the servlet's `content-block` (text, image or audio; anything else as text). */
function witContent(block: ContentBlock): WitContentBlock {
  switch (block.type) {
    case 'text':
      return { tag: 'text', val: { text: block.text } };
    case 'image':
    case 'audio':
      return { tag: block.type, val: { data: fromBase64(block.data), mimeType: block.mimeType } };
    default:
      return { tag: 'text', val: { text: JSON.stringify(block) } };
  }
}

/** The client's `CreateMessageResult` as the servlet's `create-message-result`. */
export function samplingResult(result: unknown) {
  const value = result as { role?: WitRole; content: ContentBlock | ContentBlock[]; model?: string; stopReason?: string };
  const content = Array.isArray(value.content) ? value.content[0] : value.content;
  if (!content) throw new Error('the client answered without content');
  return { role: value.role ?? 'assistant', content: witContent(content), model: String(value.model ?? 'unknown'), stopReason: value.stopReason };
}

/** The `elicitation/create` request for a servlet's `elicit` call. */
export function elicitationRequest(message: string, requestedSchema: string): ClientRequest {
  let schema: unknown;
  try {
    schema = JSON.parse(requestedSchema);
  } catch {
    throw new Error('the requested schema is not valid JSON');
  }
  return { method: 'elicitation/create', params: { mode: 'form', message, requestedSchema: schema } };
}

/** The client's `ElicitResult` as the servlet's `elicit-action`. */
export function elicitationResult(result: unknown): { tag: 'accept'; val: string } | { tag: 'decline' } | { tag: 'cancel' } {
  const value = result as { action: string; content?: unknown };
  if (value.action === 'accept') return { tag: 'accept', val: JSON.stringify(value.content ?? {}) };
  return { tag: value.action === 'decline' ? 'decline' : 'cancel' };
}
