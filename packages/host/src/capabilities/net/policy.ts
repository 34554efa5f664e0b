/**
 * The network check made before any I/O: does a request URL fall under a granted origin pattern,
 * and if so, which non-public addresses may it reach.
 */
import { policyForHost, type AddressPolicy } from './address.js';
import { formatOriginPattern, originMatches, parseOriginPattern, type OriginPattern } from './pattern.js';

/** A request URL the grants allow: the pattern that matched and the address policy it implies. */
export interface NetPermission {
  pattern: OriginPattern;
  policy: AddressPolicy;
}

/**
 * Parses a request target the way the backend will use it. The URL parser canonicalises the host
 * (`http://2130706433`, `http://0x7f.1`, `http://[::ffff:127.0.0.1]`), so the grants are compared
 * with the very host that will be connected to. Undefined when it is not an absolute http(s) URL.
 */
export function parseRequestUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.hostname === '') return undefined;
  return url;
}

/**
 * The permission for `url` under the granted patterns `allow`, or undefined when no pattern covers it.
 * Entries that are not valid patterns grant nothing.
 */
export function permitRequest(url: URL, allow: readonly string[]): NetPermission | undefined {
  const covering = allow.map((text) => parseOriginPattern(text)).filter((pattern): pattern is OriginPattern => typeof pattern !== 'string' && originMatches(pattern, url));
  // An exact pattern wins over a wildcard: only an exact one can name an address or `localhost`,
  // so `https://*` next to `https://10.0.0.5` must not hide the grant of that address.
  const pattern = covering.find((candidate) => !candidate.wildcard) ?? covering[0];
  if (!pattern) return undefined;
  return { pattern, policy: pattern.wildcard ? { literal: [], loopback: false } : policyForHost(pattern.host) };
}

/** The origin of a URL the way a grant is written: `https://api.example.com`, `http://127.0.0.1:8080`. */
export function originOf(url: URL): string {
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port === '' ? (scheme === 'https' ? 443 : 80) : Number(url.port);
  return formatOriginPattern({ scheme, host: url.hostname, port, wildcard: false });
}

/**
 * How a request is named in denials and logs: the method, origin and path. The query is left out,
 * because servlets put API keys there (`?key=...`) and secrets must never reach the audit log.
 */
export function describeRequest(method: string, url: URL): string {
  return `${method} ${url.origin}${url.pathname}${url.search ? '?…' : ''}`;
}
