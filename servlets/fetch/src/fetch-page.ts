/**
 * Fetching one URL and turning its body into the text the tool returns: Markdown for HTML (unless
 * raw), text as it is, a description for binary content. Bodies are capped twice: the host refuses
 * a response larger than its limit (16 MiB by default) before the servlet sees it, and the servlet
 * reads at most `MAX_BODY_BYTES` of what it received and converts at most `MAX_HTML_CHARS` of HTML
 * (see markdown.ts), so a huge page cannot exhaust its memory or its time.
 */
import { request } from '@mcp-wasm/sdk/http';
import { decodeBody, kindOf, mediaType } from './content-type.js';
import { htmlToMarkdown, MAX_HTML_CHARS } from './markdown.js';

/** The most bytes of a body the servlet reads: 4 MiB. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** A fetched page, ready to paginate. */
export interface FetchedPage {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** The media type the server declared, or `unknown`. */
  type: string;
  /** The text the tool returns, before pagination. */
  content: string;
  /** Notes for the reader, put before the content (a conversion that could not be made, a cap). */
  notes: string[];
}

const USER_AGENT = 'mcp-wasm-fetch/0.1 (+https://github.com/modelcontextprotocol/servers/tree/main/src/fetch compatible; an MCP tool run for a person)';

function mebibytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/**
 * Fetches `url` (GET, following up to 5 redirects, each checked by the host). Throws `HttpError`
 * (from the SDK) when the request cannot be made; an HTTP error status is returned, not thrown.
 */
export function fetchPage(url: string, raw: boolean): FetchedPage {
  const response = request(url, {
    headers: { 'user-agent': USER_AGENT, accept: 'text/html,application/xhtml+xml,text/markdown;q=0.9,text/plain;q=0.9,*/*;q=0.8' },
  });
  const all = response.bytes();
  const contentType = response.headers['content-type'];
  const type = mediaType(contentType) || 'unknown';
  const notes: string[] = [];
  const bytes = all.length > MAX_BODY_BYTES ? all.subarray(0, MAX_BODY_BYTES) : all;
  let decoded: string | undefined;
  const text = () => (decoded ??= decodeBody(bytes, contentType));
  const kind = kindOf(contentType, bytes, text);
  if (kind === 'binary') {
    const content = `The response is binary content (${type}, ${all.length} bytes), which this tool does not return: it fetches web pages and text.`;
    return { url: response.url, status: response.status, type, content, notes };
  }
  if (all.length > MAX_BODY_BYTES) {
    notes.push(`The response has ${mebibytes(all.length)}; only its first ${mebibytes(MAX_BODY_BYTES)} were read.`);
  }
  if (kind === 'html' && !raw) {
    const { markdown, leftOut } = htmlToMarkdown(text());
    if (leftOut > 0) {
      notes.push(`Only the first ${MAX_HTML_CHARS / 1024} KiB of the page's HTML (without scripts and styles) were converted; ${leftOut} characters more were left out. raw=true returns the HTML as it is, up to ${mebibytes(MAX_BODY_BYTES)}.`);
    }
    return { url: response.url, status: response.status, type, content: markdown, notes };
  }
  if (kind !== 'html' && !raw) notes.push(`Content type ${type} cannot be simplified to Markdown; here is the raw content.`);
  return { url: response.url, status: response.status, type, content: text(), notes };
}
