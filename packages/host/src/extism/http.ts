/**
 * Extism's `http_request` through the host's one network path: the request URL is checked against
 * the servlet's granted origins (`permitRequest`, the same check as `wasi:http`) before any I/O,
 * and the adapter's `HttpBackend` performs it with the address policy of the matching grant
 * (private and loopback addresses refused unless granted literally), the byte and time caps, and no
 * redirect following: a 3xx reaches the plugin as it is, and a plugin that follows it makes a new
 * request, checked again.
 *
 * Failures keep Extism's semantics: a refused or failed request is a host error, so the plugin's
 * call fails with the reason (in real Extism the error ends the call too). A refusal is audited.
 */
import type { LiveSlice } from '../capabilities/context.js';
import { describeRequest, parseRequestUrl, permitRequest } from '../capabilities/net/policy.js';
import { FORBIDDEN_HEADERS, HTTP_TOKEN } from '../capabilities/net/http-syntax.js';
import { DEFAULT_NET_LIMITS, type NetContext } from '../capabilities/net/types.js';

/** Headers the backend sets itself: the forbidden ones of every guest, and the length of the body it sends. */
const NOT_FROM_PLUGIN = new Set([...FORBIDDEN_HEADERS, 'content-length']);

/** The JSON a plugin passes to `http_request` (Extism's `HttpRequest`). */
interface ExtismHttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
}

/** A response, as the kernel keeps it for `http_status_code` and `http_headers`. */
export interface ExtismHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An HTTP request the plugin made that failed or was refused: the plugin's call ends with it. */
export class ExtismHttpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtismHttpError';
  }
}

function parseRequest(json: Uint8Array): ExtismHttpRequest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(json));
  } catch {
    throw new ExtismHttpError('http_request: the request is not valid JSON');
  }
  const request = value as ExtismHttpRequest;
  if (typeof request !== 'object' || request === null || typeof request.url !== 'string') throw new ExtismHttpError('http_request: the request has no url');
  return request;
}

/** Performs one `http_request` of a plugin under the grants `slice` gives now. */
export function extismHttpRequest(slice: LiveSlice<NetContext>, requestJson: Uint8Array, body: Uint8Array | undefined): ExtismHttpResponse {
  const request = parseRequest(requestJson);
  const method = (request.method ?? 'GET').toUpperCase();
  if (!HTTP_TOKEN.test(method)) throw new ExtismHttpError(`http_request: ${JSON.stringify(method.slice(0, 20))} is not an HTTP method`);
  const url = parseRequestUrl(request.url);
  if (!url) {
    slice.deny(`${method} ${request.url.split('?')[0]!.slice(0, 200)}`);
    throw new ExtismHttpError('HTTP request refused: only absolute http(s) URLs can be granted');
  }
  const net = slice.current();
  const permission = permitRequest(url, net.allow);
  if (!permission) {
    slice.deny(describeRequest(method, url));
    throw new ExtismHttpError(
      `HTTP request to ${url.origin} is not allowed: it is not granted to this servlet (the person can grant it with \`mcp-wasm grant <servlet> --allow-host ${url.origin}\`)`,
    );
  }
  const limits = { ...DEFAULT_NET_LIMITS, ...net.limits };
  if (body && body.length > limits.requestBytes) throw new ExtismHttpError(`http_request: the request body of ${body.length} bytes exceeds the limit of ${limits.requestBytes} bytes`);
  if (!net.backend) throw new ExtismHttpError('outgoing HTTP is not supported in this environment: give the host an HttpBackend (in Node: createNodeHttpBackend from @mcp-wasm/node)');
  const headers: [string, string][] = [];
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    if (!HTTP_TOKEN.test(name) || typeof value !== 'string' || /[\r\n\0]/.test(value)) throw new ExtismHttpError(`http_request: the header ${JSON.stringify(name.slice(0, 40))} is not valid`);
    if (!NOT_FROM_PLUGIN.has(name.toLowerCase())) headers.push([name, value]);
  }
  const answer = net.backend.send({
    method,
    url: url.href,
    headers,
    ...(body && body.length > 0 ? { body } : {}),
    policy: permission.policy,
    responseBytes: limits.responseBytes,
    timeoutMs: limits.timeoutMs,
  });
  if (!answer.ok) {
    if (answer.error.tag === 'destination-IP-prohibited') slice.deny(`${describeRequest(method, url)}: ${answer.detail ?? 'a non-public address that is not granted'}`);
    throw new ExtismHttpError(`HTTP request to ${url.origin} failed: ${answer.detail ?? answer.error.tag}`);
  }
  return { status: answer.status, headers: Object.fromEntries(answer.headers), body: answer.body };
}
