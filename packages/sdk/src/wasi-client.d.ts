/** `mcp-wasm:servlet/sampling` and `elicitation`, imported by servlets that request them (see client.ts). */
declare module 'mcp-wasm:servlet/sampling@0.1.0' {
  import type { ContentBlock } from './content.js';
  export interface CreateMessageRequest {
    messages: { role: 'user' | 'assistant'; content: ContentBlock }[];
    systemPrompt?: string;
    maxTokens: number;
    temperature?: number;
    stopSequences: string[];
    modelPreferences?: { hints: string[]; costPriority?: number; speedPriority?: number; intelligencePriority?: number };
  }
  export interface CreateMessageResult {
    role: 'user' | 'assistant';
    content: ContentBlock;
    model: string;
    stopReason?: string;
  }
  export function createMessage(request: CreateMessageRequest): CreateMessageResult;
}

declare module 'mcp-wasm:servlet/elicitation@0.1.0' {
  export type ElicitAction = { tag: 'accept'; val: string } | { tag: 'decline' } | { tag: 'cancel' };
  export function elicit(message: string, requestedSchema: string): ElicitAction;
}

declare module 'mcp-wasm:servlet/input@0.1.0' {
  export type InputRequest = { tag: 'elicit'; val: string } | { tag: 'sample'; val: string } | { tag: 'list-roots' };
  export function clientCapabilities(): string;
  export function response(key: string): string | undefined;
  export function state(): string | undefined;
  function require_(requests: { key: string; request: InputRequest }[], state: string | undefined): void;
  export { require_ as require };
}

declare module 'mcp-wasm:servlet/notify@0.1.0' {
  export function resourceUpdated(uri: string): void;
}
