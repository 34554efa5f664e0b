/**
 * Converts MCP-WASM WIT values (as jco presents them) into MCP protocol objects. Everything a
 * servlet returns is checked on the way: JSON text must parse, schemas must be objects, so a
 * faulty servlet yields a clear error instead of a malformed protocol message.
 */
import type {
  Annotations,
  CallToolResult,
  ContentBlock,
  GetPromptResult,
  Icon,
  Prompt,
  Resource,
  ResourceTemplateType as ResourceTemplate,
  Tool,
} from '@modelcontextprotocol/server';
import { HostError } from '../errors.js';
import type {
  WitAnnotations,
  WitCallToolResult,
  WitContentBlock,
  WitIcon,
  WitPrompt,
  WitPromptResult,
  WitResource,
  WitResourceContents,
  WitResourceTemplate,
  WitTool,
} from './wit-types.js';

/** Bytes as base64, without Node's Buffer (runs in browsers too). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return btoa(binary);
}

/** Parses JSON text a servlet supplied; `what` names it in the error. */
export function parseServletJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new HostError('invalid-servlet-output', `${what} is not valid JSON: fix the servlet`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies only the defined optional fields, so protocol objects carry no `undefined` values. */
function defined<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

function annotations(value: WitAnnotations | undefined): Annotations | undefined {
  return value && defined({ audience: value.audience, priority: value.priority, lastModified: value.lastModified });
}

function icons(list: WitIcon[]): Icon[] | undefined {
  if (list.length === 0) return undefined;
  return list.map((icon) => defined({ src: icon.src, mimeType: icon.mimeType, sizes: icon.sizes.length ? icon.sizes : undefined }));
}

function resourceContents(contents: WitResourceContents) {
  return contents.tag === 'text'
    ? defined({ uri: contents.val.uri, mimeType: contents.val.mimeType, text: contents.val.text })
    : defined({ uri: contents.val.uri, mimeType: contents.val.mimeType, blob: toBase64(contents.val.blob) });
}

/** One content block. */
export function contentBlock(block: WitContentBlock): ContentBlock {
  switch (block.tag) {
    case 'text':
      return defined({ type: 'text', text: block.val.text, annotations: annotations(block.val.annotations) });
    case 'image':
    case 'audio':
      return defined({
        type: block.tag,
        data: toBase64(block.val.data),
        mimeType: block.val.mimeType,
        annotations: annotations(block.val.annotations),
      });
    case 'resource-link':
      return defined({
        type: 'resource_link',
        uri: block.val.uri,
        name: block.val.name,
        title: block.val.title,
        description: block.val.description,
        mimeType: block.val.mimeType,
        size: block.val.size === undefined ? undefined : Number(block.val.size),
        annotations: annotations(block.val.annotations),
      });
    case 'embedded-resource':
      return defined({
        type: 'resource',
        resource: resourceContents(block.val.resource),
        annotations: annotations(block.val.annotations),
      }) as ContentBlock;
  }
}

/** A tool definition under the client-facing `name`. */
export function tool(value: WitTool, name: string, servlet: string): Tool {
  const inputSchema = parseServletJson(value.inputSchema, `the input schema of tool "${value.name}" of servlet "${servlet}"`);
  if (!isPlainObject(inputSchema) || inputSchema.type !== 'object') {
    throw new HostError('invalid-servlet-output', `the input schema of tool "${value.name}" of servlet "${servlet}" is not an object schema: fix the servlet`);
  }
  const outputSchema =
    value.outputSchema === undefined ? undefined : parseServletJson(value.outputSchema, `the output schema of tool "${value.name}"`);
  if (outputSchema !== undefined && !isPlainObject(outputSchema)) {
    throw new HostError('invalid-servlet-output', `the output schema of tool "${value.name}" of servlet "${servlet}" is not an object: fix the servlet`);
  }
  return defined({
    name,
    title: value.title,
    description: value.description,
    inputSchema: inputSchema as Tool['inputSchema'],
    outputSchema: outputSchema as Tool['outputSchema'],
    annotations: value.annotations && defined({ ...value.annotations }),
    icons: icons(value.icons),
  });
}

/** A tool result. */
export function callToolResult(value: WitCallToolResult, toolName: string): CallToolResult {
  return defined({
    content: value.content.map(contentBlock),
    structuredContent:
      value.structuredContent === undefined
        ? undefined
        : (parseServletJson(value.structuredContent, `the structured result of tool "${toolName}"`) as Record<string, unknown>),
    isError: value.isError || undefined,
  });
}

/** A resource. */
export function resource(value: WitResource): Resource {
  return defined({
    uri: value.uri,
    name: value.name,
    title: value.title,
    description: value.description,
    mimeType: value.mimeType,
    size: value.size === undefined ? undefined : Number(value.size),
    annotations: annotations(value.annotations),
    icons: icons(value.icons),
  });
}

/** A resource template. */
export function resourceTemplate(value: WitResourceTemplate): ResourceTemplate {
  return defined({
    uriTemplate: value.uriTemplate,
    name: value.name,
    title: value.title,
    description: value.description,
    mimeType: value.mimeType,
    annotations: annotations(value.annotations),
  });
}

/** The contents of a resource read. */
export function readResourceContents(list: WitResourceContents[]) {
  return list.map(resourceContents);
}

/** A prompt under the client-facing `name`. */
export function prompt(value: WitPrompt, name: string): Prompt {
  return defined({
    name,
    title: value.title,
    description: value.description,
    arguments: value.arguments.map((argument) =>
      defined({ name: argument.name, title: argument.title, description: argument.description, required: argument.required }),
    ),
    icons: icons(value.icons),
  });
}

/** A rendered prompt. */
export function promptResult(value: WitPromptResult): GetPromptResult {
  return defined({
    description: value.description,
    messages: value.messages.map((message) => ({ role: message.role, content: contentBlock(message.content) })),
  }) as GetPromptResult;
}
