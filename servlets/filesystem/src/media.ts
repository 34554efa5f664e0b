/** read_media_file's encoding: base64 data, the MIME type by extension, and a file: URI for other files. */
import { audio, embeddedResource, image, type ContentBlock } from '@mcp-wasm/sdk';
import { path } from './paths.js';

/** server-filesystem's table; anything else is application/octet-stream. */
const MIME_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.bmp': 'image/bmp',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
  '.flac': 'audio/flac',
};

/** The MIME type server-filesystem gives a file, by its extension. */
export function mimeTypeOf(file: string): string {
  return MIME_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Bytes as base64 (the structured content carries the text form; the host encodes the content block itself). */
export function base64(bytes: Uint8Array): string {
  let binary = '';
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}

/** A `file:` URL for a guest path, encoded as Node's pathToFileURL encodes it. */
export function fileUrl(file: string): string {
  const url = new URL('file:///');
  url.pathname = file.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09');
  return url.href;
}

/** The content block for a file's bytes and, in wire form, the same block for the structured content. */
export function mediaContent(file: string, bytes: Uint8Array): { block: ContentBlock; wire: Record<string, unknown> } {
  const mimeType = mimeTypeOf(file);
  const data = base64(bytes);
  if (mimeType.startsWith('image/')) return { block: image(bytes, mimeType), wire: { type: 'image', data, mimeType } };
  if (mimeType.startsWith('audio/')) return { block: audio(bytes, mimeType), wire: { type: 'audio', data, mimeType } };
  const uri = fileUrl(file);
  return { block: embeddedResource(uri, bytes, mimeType), wire: { type: 'resource', resource: { uri, mimeType, blob: data } } };
}
