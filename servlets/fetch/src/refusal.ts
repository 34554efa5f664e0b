/**
 * Messages for requests that could not be made, saying what the person can do about it. A refusal
 * by the host names the grant that is missing and the command that gives it.
 */
import { HttpError } from '@mcp-wasm/sdk/http';

/** The name this servlet is installed under in the catalog and the quick start. */
const SERVLET = 'fetch';

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

/** `url` as it is named in messages: without its query, which may carry a key (`?api_key=…`). */
function shown(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}${parsed.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}

/**
 * The message for a failed request to `requested`. `error.url` is the hop that failed, which
 * differs from `requested` when a redirect led there (each hop is checked by the host).
 */
export function failureMessage(error: HttpError, requested: string): string {
  const redirected = originOf(error.url) !== originOf(requested) || shown(error.url) !== shown(requested);
  const via = redirected ? `${shown(requested)} redirected to ${shown(error.url)}, and ` : '';
  const target = originOf(error.url);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(error.url)?.[1]?.toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    return `${via}${shown(error.url)} is not an http or https URL: this tool fetches web pages only`;
  }
  switch (error.code) {
    case 'HTTP-request-denied':
      return (
        `${via}mcp-wasm refused ${target}: this servlet was not granted that host. ` +
        `Grant it with \`mcp-wasm grant ${SERVLET} --allow-host ${target}\` ` +
        `(any https website can be granted; \`mcp-wasm info ${SERVLET}\` shows what is granted now).`
      );
    case 'destination-IP-prohibited':
      return (
        `${via}mcp-wasm refused ${target}: it resolves to a loopback, private or link-local address, ` +
        `which a servlet may reach only when that address itself is granted (for example --allow-host http://127.0.0.1:8080).`
      );
    case 'HTTP-response-body-size':
      return `${via}the response from ${target} is larger than mcp-wasm lets a servlet receive (16 MiB unless the host is configured otherwise).`;
    default:
      return `${via}${error.message}`;
  }
}
