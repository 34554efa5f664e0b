/**
 * The MCP-WASM WIT types (wit/types.wit and friends) as jco presents them to JavaScript: records
 * with camelCase fields, variants as `{ tag, val }`, options as `undefined`, bytes as `Uint8Array`.
 */

export type WitRole = 'user' | 'assistant';

export interface WitAnnotations {
  audience?: WitRole[];
  priority?: number;
  lastModified?: string;
}

export interface WitIcon {
  src: string;
  mimeType?: string;
  sizes: string[];
}

export interface WitTextContent {
  text: string;
  annotations?: WitAnnotations;
}

export interface WitMediaContent {
  data: Uint8Array;
  mimeType: string;
  annotations?: WitAnnotations;
}

export type WitResourceContents =
  | { tag: 'text'; val: { uri: string; mimeType?: string; text: string } }
  | { tag: 'blob'; val: { uri: string; mimeType?: string; blob: Uint8Array } };

export interface WitResourceLink {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: bigint;
  annotations?: WitAnnotations;
}

export type WitContentBlock =
  | { tag: 'text'; val: WitTextContent }
  | { tag: 'image'; val: WitMediaContent }
  | { tag: 'audio'; val: WitMediaContent }
  | { tag: 'resource-link'; val: WitResourceLink }
  | { tag: 'embedded-resource'; val: { resource: WitResourceContents; annotations?: WitAnnotations } };

export interface WitError {
  code: number;
  message: string;
  data?: string;
}

export interface WitTool {
  name: string;
  title?: string;
  description?: string;
  inputSchema: string;
  outputSchema?: string;
  annotations?: {
    title?: string;
    readOnlyHint?: boolean;
    destructiveHint?: boolean;
    idempotentHint?: boolean;
    openWorldHint?: boolean;
  };
  icons: WitIcon[];
}

export interface WitCallToolResult {
  content: WitContentBlock[];
  structuredContent?: string;
  isError: boolean;
}

export interface WitResource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  size?: bigint;
  annotations?: WitAnnotations;
  icons: WitIcon[];
}

export interface WitResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  annotations?: WitAnnotations;
}

export interface WitPromptArgument {
  name: string;
  title?: string;
  description?: string;
  required: boolean;
}

export interface WitPrompt {
  name: string;
  title?: string;
  description?: string;
  arguments: WitPromptArgument[];
  icons: WitIcon[];
}

export interface WitPromptResult {
  description?: string;
  messages: { role: WitRole; content: WitContentBlock }[];
}

export interface WitArgument {
  name: string;
  value: string;
}

export type WitCompletionReference = { tag: 'prompt'; val: string } | { tag: 'resource-template'; val: string };

export interface WitCompletions {
  values: string[];
  total?: number;
  hasMore: boolean;
}

/** The `tools` export. */
export interface ToolsExport {
  listTools(): WitTool[];
  callTool(name: string, args: string): WitCallToolResult;
}

/** The `resources` export. */
export interface ResourcesExport {
  listResources(cursor?: string): { resources: WitResource[]; nextCursor?: string };
  listResourceTemplates(cursor?: string): { templates: WitResourceTemplate[]; nextCursor?: string };
  readResource(uri: string): WitResourceContents[];
}

/** The `prompts` export. */
export interface PromptsExport {
  listPrompts(cursor?: string): { prompts: WitPrompt[]; nextCursor?: string };
  getPrompt(name: string, args: WitArgument[]): WitPromptResult;
}

/** The `completion` export. */
export interface CompletionExport {
  complete(ref: WitCompletionReference, argument: WitArgument, context: WitArgument[]): WitCompletions;
}
