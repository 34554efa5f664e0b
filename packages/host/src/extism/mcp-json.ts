/**
 * MCP JSON, as Extism plugins return it (mcp.run's `describe`/`call`, hyper-mcp v2's exports), into
 * the WIT values the rest of the host works with (`wit-types.ts`), so a plugin is served, pinned
 * and converted back exactly like a component. Only the fields the WIT records carry cross; a value
 * of the wrong shape is an error of the plugin's call, never a malformed protocol message.
 */
import type {
  WitAnnotations,
  WitCallToolResult,
  WitCompletions,
  WitContentBlock,
  WitIcon,
  WitPrompt,
  WitPromptResult,
  WitResource,
  WitResourceContents,
  WitResourceTemplate,
  WitRole,
  WitTool,
} from '../servlet/wit-types.js';

/** A plugin answered something that is not the MCP shape expected. */
export class PluginOutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginOutputError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, what: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new PluginOutputError(`${what} is not a JSON object`);
  return value as Json;
}

function array(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new PluginOutputError(`${what} is not a JSON array`);
  return value;
}

function string(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new PluginOutputError(`${what} is not a string`);
  return value;
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function fromBase64(data: string, what: string): Uint8Array {
  try {
    return Uint8Array.from(atob(data), (character) => character.charCodeAt(0));
  } catch {
    throw new PluginOutputError(`${what} is not base64`);
  }
}

function role(value: unknown): WitRole {
  return value === 'user' ? 'user' : 'assistant';
}

function annotations(value: unknown): WitAnnotations | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const a = value as Json;
  return {
    audience: Array.isArray(a.audience) ? a.audience.map(role) : undefined,
    priority: typeof a.priority === 'number' ? a.priority : undefined,
    lastModified: optionalString(a.lastModified),
  };
}

function icons(value: unknown): WitIcon[] {
  return array(value, 'icons').map((icon, index) => {
    const i = object(icon, `icon ${index}`);
    return { src: string(i.src, `icon ${index} src`), mimeType: optionalString(i.mimeType), sizes: array(i.sizes, 'icon sizes').map(String) };
  });
}

function resourceContents(value: unknown, what: string): WitResourceContents {
  const c = object(value, what);
  const uri = string(c.uri, `${what} uri`);
  if (typeof c.blob === 'string') return { tag: 'blob', val: { uri, mimeType: optionalString(c.mimeType), blob: fromBase64(c.blob, `${what} blob`) } };
  return { tag: 'text', val: { uri, mimeType: optionalString(c.mimeType), text: string(c.text, `${what} text`) } };
}

/** One MCP content block. */
export function contentBlock(value: unknown, what = 'a content block'): WitContentBlock {
  const block = object(value, what);
  const notes = annotations(block.annotations);
  switch (block.type) {
    case 'text':
      return { tag: 'text', val: { text: string(block.text, `${what} text`), annotations: notes } };
    case 'image':
    case 'audio':
      return { tag: block.type, val: { data: fromBase64(string(block.data, `${what} data`), `${what} data`), mimeType: string(block.mimeType, `${what} mimeType`), annotations: notes } };
    case 'resource_link':
      return {
        tag: 'resource-link',
        val: {
          uri: string(block.uri, `${what} uri`),
          name: string(block.name, `${what} name`),
          title: optionalString(block.title),
          description: optionalString(block.description),
          mimeType: optionalString(block.mimeType),
          size: typeof block.size === 'number' ? BigInt(Math.trunc(block.size)) : undefined,
          annotations: notes,
        },
      };
    case 'resource':
      return { tag: 'embedded-resource', val: { resource: resourceContents(block.resource, `${what} resource`), annotations: notes } };
    default:
      throw new PluginOutputError(`${what} has an unknown type ${JSON.stringify(block.type)}`);
  }
}

/** `ListToolsResult.tools`. */
export function tools(value: unknown): WitTool[] {
  return array(object(value, 'the tool list').tools, 'tools').map((entry, index) => {
    const t = object(entry, `tool ${index}`);
    const name = string(t.name, `tool ${index} name`);
    const schema = t.inputSchema ?? t.input_schema;
    return {
      name,
      title: optionalString(t.title),
      description: optionalString(t.description),
      inputSchema: JSON.stringify(schema ?? { type: 'object' }),
      outputSchema: t.outputSchema === undefined || t.outputSchema === null ? undefined : JSON.stringify(t.outputSchema),
      annotations: typeof t.annotations === 'object' && t.annotations !== null ? (t.annotations as WitTool['annotations']) : undefined,
      icons: icons(t.icons),
    };
  });
}

/** A `CallToolResult`. */
export function callToolResult(value: unknown): WitCallToolResult {
  const r = object(value, 'the tool result');
  return {
    content: array(r.content, 'the tool result content').map((block, index) => contentBlock(block, `content block ${index}`)),
    structuredContent: r.structuredContent === undefined || r.structuredContent === null ? undefined : JSON.stringify(r.structuredContent),
    isError: r.isError === true,
  };
}

/** A `ListPromptsResult`. */
export function prompts(value: unknown): { prompts: WitPrompt[]; nextCursor?: string } {
  const r = object(value, 'the prompt list');
  return {
    prompts: array(r.prompts, 'prompts').map((entry, index) => {
      const p = object(entry, `prompt ${index}`);
      return {
        name: string(p.name, `prompt ${index} name`),
        title: optionalString(p.title),
        description: optionalString(p.description),
        arguments: array(p.arguments, 'prompt arguments').map((a, i) => {
          const argument = object(a, `prompt argument ${i}`);
          return { name: string(argument.name, 'argument name'), title: optionalString(argument.title), description: optionalString(argument.description), required: argument.required === true };
        }),
        icons: icons(p.icons),
      };
    }),
    nextCursor: optionalString(r.nextCursor),
  };
}

/** A `GetPromptResult`. */
export function promptResult(value: unknown): WitPromptResult {
  const r = object(value, 'the prompt');
  return {
    description: optionalString(r.description),
    messages: array(r.messages, 'prompt messages').map((entry, index) => {
      const message = object(entry, `prompt message ${index}`);
      return { role: role(message.role), content: contentBlock(message.content, `prompt message ${index} content`) };
    }),
  };
}

/** A `ListResourcesResult`. */
export function resources(value: unknown): { resources: WitResource[]; nextCursor?: string } {
  const r = object(value, 'the resource list');
  return {
    resources: array(r.resources, 'resources').map((entry, index) => {
      const res = object(entry, `resource ${index}`);
      return {
        uri: string(res.uri, `resource ${index} uri`),
        name: string(res.name, `resource ${index} name`),
        title: optionalString(res.title),
        description: optionalString(res.description),
        mimeType: optionalString(res.mimeType),
        size: typeof res.size === 'number' ? BigInt(Math.trunc(res.size)) : undefined,
        annotations: annotations(res.annotations),
        icons: icons(res.icons),
      };
    }),
    nextCursor: optionalString(r.nextCursor),
  };
}

/** A `ListResourceTemplatesResult`. */
export function resourceTemplates(value: unknown): { templates: WitResourceTemplate[]; nextCursor?: string } {
  const r = object(value, 'the resource template list');
  return {
    templates: array(r.resourceTemplates, 'resourceTemplates').map((entry, index) => {
      const t = object(entry, `resource template ${index}`);
      return {
        uriTemplate: string(t.uriTemplate, `resource template ${index} uriTemplate`),
        name: string(t.name, `resource template ${index} name`),
        title: optionalString(t.title),
        description: optionalString(t.description),
        mimeType: optionalString(t.mimeType),
        annotations: annotations(t.annotations),
      };
    }),
    nextCursor: optionalString(r.nextCursor),
  };
}

/** A `ReadResourceResult`'s contents. */
export function readResourceResult(value: unknown): WitResourceContents[] {
  return array(object(value, 'the resource').contents, 'resource contents').map((entry, index) => resourceContents(entry, `resource contents ${index}`));
}

/** A `CompleteResult`. */
export function completions(value: unknown): WitCompletions {
  const completion = object(object(value, 'the completion result').completion, 'completion');
  return {
    values: array(completion.values, 'completion values').map(String).slice(0, 100),
    total: typeof completion.total === 'number' ? completion.total : undefined,
    hasMore: completion.hasMore === true,
  };
}
