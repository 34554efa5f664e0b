/**
 * What a response body is: HTML (converted to Markdown), text (returned as it is), or binary
 * (described, never returned: a model cannot read bytes as text, and they would fill its context).
 */

/** How the tool treats a body. */
export type BodyKind = 'html' | 'text' | 'binary';

/** Media types that are text although their type is not `text/*`. */
const TEXT_TYPES = new Set([
  'application/json',
  'application/ld+json',
  'application/xml',
  'application/javascript',
  'application/ecmascript',
  'application/x-javascript',
  'application/yaml',
  'application/x-yaml',
  'application/toml',
  'application/x-ndjson',
  'application/graphql',
  'application/sql',
  'application/x-sh',
  'application/x-www-form-urlencoded',
]);

/** The media type of a `content-type` header, lower case, without parameters. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The `charset` parameter of a `content-type` header, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1]?.toLowerCase();
}

/** Whether bytes look like text: no NUL byte in the first 8 KiB, as `file` and git decide. */
function looksLikeText(bytes: Uint8Array): boolean {
  return !bytes.subarray(0, 8192).includes(0);
}

/** Whether text starts like an HTML document (for servers that send no content type). */
function looksLikeHtml(text: string): boolean {
  return /^\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text.slice(0, 1024));
}

/**
 * The kind of a body, from its content type first; when that is missing or says nothing
 * (`application/octet-stream` from a careless server is still refused as binary), from its bytes.
 */
export function kindOf(contentType: string | undefined, bytes: Uint8Array, decoded: () => string): BodyKind {
  const type = mediaType(contentType);
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type.startsWith('text/') || TEXT_TYPES.has(type) || type.endsWith('+json') || type.endsWith('+xml')) return 'text';
  if (type !== '') return 'binary';
  if (!looksLikeText(bytes)) return 'binary';
  return looksLikeHtml(decoded()) ? 'html' : 'text';
}

/** Decodes a body in its declared charset when the engine knows it, else as UTF-8 (invalid bytes become U+FFFD). */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const charset = charsetOf(contentType);
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An unknown label: UTF-8 is the best guess for the web, and replacement characters show the rest.
    }
  }
  return new TextDecoder().decode(bytes);
}
