/**
 * Network grants are origin patterns: `scheme://host[:port]`, where host may start with `*.` to
 * cover every subdomain (not the domain itself), or be `*` alone: any host on that port (a fetch
 * tool's request, which a person narrows at install). A wildcard never names an address, so the
 * network policy keeps refusing loopback, private and metadata addresses under it. A missing port
 * means the scheme's default port.
 * Hosts are compared after URL normalisation, so `http://2130706433` and `http://0177.0.0.1` are
 * both `127.0.0.1`, and IPv6 literals are compared in their canonical bracketed form.
 */

/** A parsed origin pattern. */
export interface OriginPattern {
  scheme: 'http' | 'https';
  /** Lowercase host, canonical for IP literals; `*.example.com` for a wildcard, `*` for any host. */
  host: string;
  port: number;
  wildcard: boolean;
}

const DEFAULT_PORTS = { http: 80, https: 443 } as const;

/** Parses an origin pattern; returns a message saying what is wrong instead when it is not one. */
export function parseOriginPattern(text: string): OriginPattern | string {
  const any = /^(https?):\/\/\*(?::(\d{1,5}))?\/?$/.exec(text);
  if (any) return anyHostPattern(text, any[1] as 'http' | 'https', any[2]);
  const match = /^(https?):\/\/(\*\.)?([^/:?#@\s]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?\/?$/.exec(text);
  if (!match) return `"${text}" is not an origin pattern: use scheme://host[:port], for example https://api.example.com or https://*.example.com`;
  const scheme = match[1] as 'http' | 'https';
  const wildcard = match[2] !== undefined;
  let url: URL;
  try {
    url = new URL(`${scheme}://${match[3]}`);
  } catch {
    return `"${text}" has an invalid host`;
  }
  const port = match[4] === undefined ? DEFAULT_PORTS[scheme] : Number(match[4]);
  if (port < 1 || port > 65535) return `"${text}" has an invalid port`;
  if (wildcard && (url.hostname.startsWith('[') || /^[\d.]+$/.test(url.hostname))) return `"${text}": a wildcard needs a domain name, not an IP address`;
  if (wildcard && !url.hostname.includes('.')) return `"${text}": a wildcard must cover a domain with at least two labels, such as *.example.com`;
  return { scheme, host: wildcard ? `*.${url.hostname}` : url.hostname, port, wildcard };
}

function anyHostPattern(text: string, scheme: 'http' | 'https', portText: string | undefined): OriginPattern | string {
  const port = portText === undefined ? DEFAULT_PORTS[scheme] : Number(portText);
  if (port < 1 || port > 65535) return `"${text}" has an invalid port`;
  return { scheme, host: ANY_HOST, port, wildcard: true };
}

/** The host of a pattern that covers every host. */
export const ANY_HOST = '*';

/** The pattern in its canonical text form. */
export function formatOriginPattern(pattern: OriginPattern): string {
  const port = pattern.port === DEFAULT_PORTS[pattern.scheme] ? '' : `:${pattern.port}`;
  return `${pattern.scheme}://${pattern.host}${port}`;
}

function hostMatches(pattern: OriginPattern, hostname: string): boolean {
  if (!pattern.wildcard) return hostname === pattern.host;
  if (pattern.host === ANY_HOST) return true;
  return hostname.endsWith(pattern.host.slice(1)); // ".example.com": a subdomain, never the domain itself
}

/** Whether `url` (already parsed, so normalised) falls under `pattern`. */
export function originMatches(pattern: OriginPattern, url: URL): boolean {
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== pattern.scheme) return false;
  const port = url.port === '' ? DEFAULT_PORTS[pattern.scheme] : Number(url.port);
  return port === pattern.port && hostMatches(pattern, url.hostname);
}

/** Whether everything `inner` allows is also allowed by `outer` (a grant must stay within the request). */
export function patternCovers(outer: OriginPattern, inner: OriginPattern): boolean {
  if (outer.scheme !== inner.scheme || outer.port !== inner.port) return false;
  if (!outer.wildcard) return !inner.wildcard && inner.host === outer.host;
  if (outer.host === ANY_HOST) return true;
  if (inner.host === ANY_HOST) return false;
  const suffix = outer.host.slice(1);
  return inner.wildcard ? inner.host === outer.host || inner.host.slice(1).endsWith(suffix) : inner.host.endsWith(suffix);
}
