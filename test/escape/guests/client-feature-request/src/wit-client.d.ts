/** The MCP-WASM client-feature interfaces this guest calls (its manifest requests both). */
declare module 'mcp-wasm:servlet/sampling@0.1.0' {
  export function createMessage(request: {
    messages: Array<{ role: 'user' | 'assistant'; content: { tag: 'text'; val: { text: string } } }>;
    systemPrompt?: string;
    maxTokens: number;
    temperature?: number;
    stopSequences: string[];
    modelPreferences?: undefined;
  }): unknown;
}
declare module 'mcp-wasm:servlet/elicitation@0.1.0' {
  export function elicit(message: string, requestedSchema: string): unknown;
}
