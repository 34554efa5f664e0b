/**
 * Outgoing HTTP for servlets, through `wasi:http`. Synchronous, like tool handlers:
 *
 * ```ts
 * import { request } from '@mcp-wasm/sdk/http';
 * const page = request('https://en.wikipedia.org/api/rest_v1/page/summary/WebAssembly').json();
 * ```
 *
 * Only origins the person granted are reachable (declare them in servlet.json under
 * `capabilities.network`). Redirects are followed here, each hop a new request that the host
 * checks against the grants again; the host itself never follows one.
 */
import { Fields, OutgoingBody, OutgoingRequest, type ErrorCode, type Method } from 'wasi:http/types@0.2.12';
import { handle } from 'wasi:http/outgoing-handler@0.2.12';
import { witErrorPayload, witErrorTag } from './wit-error.js';

/** What a request sends. */
export interface RequestOptions {
  /** HTTP method; default GET. */
  method?: string;
  headers?: Record<string, string> | [string, string][];
  /** A string is sent as UTF-8. */
  body?: string | Uint8Array;
  /** How many redirects to follow; default 5, 0 to get the redirect response itself. */
  maxRedirects?: number;
}

/** A complete response. */
export interface HttpResponse {
  status: number;
  /** Lower-case names; repeated fields joined with `, `. */
  headers: Record<string, string>;
  /** The URL that answered (after redirects). */
  url: string;
  bytes(): Uint8Array;
  text(): string;
  json(): unknown;
}

/** A request that failed: `code` is the `wasi:http` error code (`HTTP-request-denied`, `connection-refused`, ...). */
export class HttpError extends Error {
  constructor(
    readonly code: string,
    readonly url: string,
    message: string,
    /** The error code's payload, if it has one (a size limit, a DNS detail). */
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const METHODS = new Set(['get', 'head', 'post', 'put', 'delete', 'connect', 'options', 'trace', 'patch']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: not sent on to another origin after a redirect. */
const CREDENTIALS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** The parts of a WHATWG URL the SDK uses. */
interface WebUrl {
  readonly href: string;
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
}

/** Web globals the engine provides; the SDK compiles without DOM types, so they are typed here. */
interface WebGlobals {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new () => { decode(bytes: Uint8Array): string };
  URL: new (url: string, base?: string | WebUrl) => WebUrl;
}
const web = globalThis as unknown as WebGlobals;
const encoder = new web.TextEncoder();
const decoder = new web.TextDecoder();

function origin(url: WebUrl): string {
  return `${url.protocol}//${url.host}`;
}

function messageFor(code: string, url: WebUrl, payload: ErrorCode | undefined): string {
  const target = origin(url);
  switch (code) {
    case 'HTTP-request-denied':
      return `${target} is not granted to this servlet: the person can grant it with \`mcp-wasm grant <servlet> --allow-host ${target}\``;
    case 'destination-IP-prohibited':
      return `${url.host} resolves to a private, loopback or link-local address, which is reachable only when granted by address (for example --allow-host http://127.0.0.1:PORT)`;
    case 'HTTP-response-body-size':
      return `the response from ${target} is larger than this servlet may receive`;
    case 'HTTP-request-body-size':
      return `the request body is larger than this servlet may send`;
    case 'HTTP-response-timeout':
    case 'connection-timeout':
      return `${target} did not answer in time`;
    case 'DNS-error':
      return `${url.hostname} could not be resolved`;
    case 'connection-refused':
      return `${target} refused the connection`;
    case 'loop-detected':
      return `too many redirects, starting from ${url.href}`;
    default: {
      const extra = typeof payload?.val === 'string' ? `: ${payload.val}` : '';
      return `the request to ${target} failed (${code}${extra})`;
    }
  }
}

function fail(code: string, url: WebUrl, payload?: ErrorCode): never {
  throw new HttpError(code, url.href, messageFor(code, url, payload), payload?.val);
}

function methodOf(name: string): Method {
  const lower = name.toLowerCase();
  return METHODS.has(lower) ? ({ tag: lower } as Method) : { tag: 'other', val: name };
}

function headerList(headers: RequestOptions['headers']): [string, string][] {
  if (!headers) return [];
  return Array.isArray(headers) ? headers : Object.entries(headers);
}

/** Calls a host import; an error result becomes an `HttpError`. */
function guarded<T>(url: WebUrl, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const payload = witErrorPayload(error);
    fail(witErrorTag(payload) ?? 'internal-error', url, typeof payload === 'object' ? (payload as ErrorCode) : undefined);
  }
}

function readAll(stream: { blockingRead(len: bigint): Uint8Array }): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: Uint8Array;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (error) {
      if (witErrorTag(witErrorPayload(error)) === 'closed') break;
      throw error;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

/** One request, no redirects followed. */
function once(url: WebUrl, method: string, headers: [string, string][], body: Uint8Array | undefined): { status: number; headers: Record<string, string>; body: Uint8Array } {
  const fields = guarded(url, () => Fields.fromList(headers.map(([name, value]) => [name, encoder.encode(value)])));
  const outgoing = new OutgoingRequest(fields);
  guarded(url, () => {
    outgoing.setMethod(methodOf(method));
    outgoing.setScheme({ tag: url.protocol === 'https:' ? 'HTTPS' : 'HTTP' });
    outgoing.setAuthority(url.host);
    outgoing.setPathWithQuery(`${url.pathname}${url.search}`);
  });
  const outgoingBody = outgoing.body();
  if (body && body.length > 0) {
    const stream = outgoingBody.write();
    // wasi:io allows at most 4096 bytes per blocking-write-and-flush.
    for (let offset = 0; offset < body.length; offset += 4096) guarded(url, () => stream.blockingWriteAndFlush(body.subarray(offset, offset + 4096)));
  }
  guarded(url, () => OutgoingBody.finish(outgoingBody, undefined));
  const future = guarded(url, () => handle(outgoing, undefined));
  future.subscribe().block();
  const value = future.get();
  if (!value || value.tag === 'err') fail('internal-error', url);
  if (value.val.tag === 'err') fail(value.val.val.tag, url, value.val.val);
  const response = value.val.val;
  const responseHeaders: Record<string, string> = {};
  for (const [name, raw] of response.headers().entries()) {
    const text = decoder.decode(raw);
    responseHeaders[name] = name in responseHeaders ? `${responseHeaders[name]}, ${text}` : text;
  }
  const bytes = guarded(url, () => readAll(response.consume().stream()));
  return { status: response.status(), headers: responseHeaders, body: bytes };
}

/**
 * Makes an HTTP request and returns the whole response. Throws `HttpError` when it cannot be made:
 * an origin that is not granted (`HTTP-request-denied`), an address that is not allowed, a limit,
 * a timeout, or a network failure. A response with an error status is returned, not thrown.
 */
export function request(url: string, options: RequestOptions = {}): HttpResponse {
  let current: WebUrl;
  try {
    current = new web.URL(url);
  } catch {
    throw new HttpError('HTTP-request-URI-invalid', url, `${url} is not an absolute URL`);
  }
  let method = (options.method ?? 'GET').toUpperCase();
  let headers = headerList(options.headers);
  let body = typeof options.body === 'string' ? encoder.encode(options.body) : options.body;
  const maxRedirects = options.maxRedirects ?? 5;
  for (let hop = 0; ; hop++) {
    if (current.protocol !== 'http:' && current.protocol !== 'https:') fail('HTTP-request-denied', current);
    const response = once(current, method, headers, body);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || location === undefined || maxRedirects === 0) {
      const final = current.href;
      return {
        status: response.status,
        headers: response.headers,
        url: final,
        bytes: () => response.body,
        text: () => decoder.decode(response.body),
        json: () => JSON.parse(decoder.decode(response.body)) as unknown,
      };
    }
    if (hop >= maxRedirects) fail('loop-detected', new web.URL(url));
    const next = new web.URL(location, current);
    if (origin(next) !== origin(current)) headers = headers.filter(([name]) => !CREDENTIALS.has(name.toLowerCase()));
    if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
      method = method === 'HEAD' ? 'HEAD' : 'GET';
      body = undefined;
      headers = headers.filter(([name]) => !['content-type', 'content-length'].includes(name.toLowerCase()));
    }
    current = next;
  }
}
