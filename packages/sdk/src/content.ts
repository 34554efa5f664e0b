/**
 * Content blocks for tool results and prompt messages, in the shape of the MCP-WASM WIT
 * `content-block` variant. Bytes stay bytes: the host base64-encodes them for the wire.
 */

/** Hints for the client about a piece of content. */
export interface Annotations {
  audience?: ('user' | 'assistant')[];
  priority?: number;
  lastModified?: string;
}

/** Contents of a resource: text or bytes. */
export type ResourceContents =
  | { tag: 'text'; val: { uri: string; mimeType?: string; text: string } }
  | { tag: 'blob'; val: { uri: string; mimeType?: string; blob: Uint8Array } };

/** One block of content. */
export type ContentBlock =
  | { tag: 'text'; val: { text: string; annotations?: Annotations } }
  | { tag: 'image' | 'audio'; val: { data: Uint8Array; mimeType: string; annotations?: Annotations } }
  | {
      tag: 'resource-link';
      val: { uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: bigint; annotations?: Annotations };
    }
  | { tag: 'embedded-resource'; val: { resource: ResourceContents; annotations?: Annotations } };

/** A text block. */
export function text(value: string, annotations?: Annotations): ContentBlock {
  return { tag: 'text', val: { text: value, annotations } };
}

/** An image block from raw bytes. */
export function image(data: Uint8Array, mimeType: string, annotations?: Annotations): ContentBlock {
  return { tag: 'image', val: { data, mimeType, annotations } };
}

/** An audio block from raw bytes. */
export function audio(data: Uint8Array, mimeType: string, annotations?: Annotations): ContentBlock {
  return { tag: 'audio', val: { data, mimeType, annotations } };
}

/** A link to a resource the client may read. */
export function resourceLink(link: { uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: number }): ContentBlock {
  return { tag: 'resource-link', val: { ...link, size: link.size === undefined ? undefined : BigInt(link.size) } };
}

/** Resource contents carried inline: text when `content` is a string, else bytes. */
export function embeddedResource(uri: string, content: string | Uint8Array, mimeType?: string): ContentBlock {
  return { tag: 'embedded-resource', val: { resource: resourceContents(uri, content, mimeType) } };
}

/** Resource contents from text or bytes. */
export function resourceContents(uri: string, content: string | Uint8Array, mimeType?: string): ResourceContents {
  return typeof content === 'string' ? { tag: 'text', val: { uri, mimeType, text: content } } : { tag: 'blob', val: { uri, mimeType, blob: content } };
}
