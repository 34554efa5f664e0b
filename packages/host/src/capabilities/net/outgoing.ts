/**
 * The host side of `wasi:http/types` and `wasi:http/outgoing-handler` for one instance.
 *
 * `handle` checks the request's scheme and authority, normalised by the URL parser exactly as the
 * backend will use them, against the grants of the call in progress, before any I/O. A refusal is
 * the `HTTP-request-denied` error code (guest-visible) and a denial in the audit log. The host never
 * follows redirects: a guest that follows one makes a new request, which is checked again.
 */
import type { LiveSlice } from '../context.js';
import { BodyCollector, httpErrorCode } from './body-streams.js';
import { Fields } from './fields.js';
import { FutureIncomingResponse, FutureTrailers, IncomingBody, IncomingResponse, type ResponseOutcome } from './incoming.js';
import { describeRequest, parseRequestUrl, permitRequest, type NetPermission } from './policy.js';
import { DEFAULT_NET_LIMITS, type HttpErrorCode, type NetContext, type NetLimits } from './types.js';
import { RequestOptions, methodName, refusedServerResource, schemeName, type Method, type Scheme } from './request-parts.js';

/** Headers the host sets itself from the body it sends. */
const HOST_SET = new Set(['content-length']);

const decoder = new TextDecoder();

/** Builds the two interfaces, reading grants and limits from `slice` at every request. */
export function createWasiHttp(slice: LiveSlice<NetContext>): Record<string, Record<string, unknown>> {
  const limits = (): NetLimits => ({ ...DEFAULT_NET_LIMITS, ...slice.current().limits });

  /** `outgoing-body`: collects what the guest writes, within the request limit of the call. */
  class OutgoingBody {
    private streamTaken = false;
    finished = false;
    readonly collector = new BodyCollector(limits().requestBytes);

    write() {
      if (this.streamTaken) throw undefined;
      this.streamTaken = true;
      return this.collector.stream();
    }

    static finish(body: OutgoingBody, trailers: Fields | undefined): void {
      if (trailers && trailers.entries().length > 0) throw { tag: 'internal-error', val: 'request trailers are not supported' } satisfies HttpErrorCode;
      body.finished = true;
    }
  }

  /** `outgoing-request`: method, target and headers, checked when it is handled. */
  class OutgoingRequest {
    private methodValue: Method = { tag: 'get' };
    private pathValue: string | undefined;
    private schemeValue: Scheme | undefined;
    private authorityValue: string | undefined;
    bodyValue: OutgoingBody | undefined;

    constructor(private readonly headerFields: Fields) {}

    body(): OutgoingBody {
      if (this.bodyValue) throw undefined;
      this.bodyValue = new OutgoingBody();
      return this.bodyValue;
    }
    method(): Method {
      return this.methodValue;
    }
    setMethod(method: Method): void {
      if (methodName(method) === undefined) throw undefined;
      this.methodValue = method;
    }
    pathWithQuery(): string | undefined {
      return this.pathValue;
    }
    setPathWithQuery(path: string | undefined): void {
      // Must be a path: anything else could change the origin once joined to the authority.
      if (path !== undefined && !/^\/[^\s#]*$/.test(path)) throw undefined;
      this.pathValue = path;
    }
    scheme(): Scheme | undefined {
      return this.schemeValue;
    }
    setScheme(scheme: Scheme | undefined): void {
      if (scheme?.tag === 'other' && !/^[a-z][a-z0-9+.-]*$/i.test(scheme.val)) throw undefined;
      this.schemeValue = scheme;
    }
    authority(): string | undefined {
      return this.authorityValue;
    }
    setAuthority(authority: string | undefined): void {
      // host[:port] only: no userinfo, path, query or fragment that could make the URL parser pick another host.
      if (authority !== undefined && !/^(\[[0-9A-Fa-f:.]+\]|[^\s/?#@[\]:]+)(:\d{1,5})?$/.test(authority)) throw undefined;
      this.authorityValue = authority;
    }
    headers(): Fields {
      return this.headerFields.lockedCopy();
    }

    /**
     * The request as the backend will see it: its target as text, its URL (undefined when it is not a
     * valid http(s) URL), method and headers. A missing scheme means HTTPS.
     */
    target(): { text: string; url: URL | undefined; method: string; headers: [string, string][] } {
      const scheme = schemeName(this.schemeValue ?? { tag: 'HTTPS' });
      const text = `${scheme}://${this.authorityValue ?? ''}${this.pathValue ?? '/'}`;
      const url = this.authorityValue === undefined ? undefined : parseRequestUrl(text);
      const headers = this.headerFields
        .entries()
        .filter(([name]) => !HOST_SET.has(name))
        .map(([name, value]) => [name, decoder.decode(value)] as [string, string]);
      return { text, url, method: methodName(this.methodValue)!, headers };
    }
  }

  function perform(request: OutgoingRequest, url: URL, method: string, headers: [string, string][], timeoutMs: number, permission: NetPermission): ResponseOutcome {
    const body = request.bodyValue;
    if (body && !body.finished) {
      return { ok: false, error: { tag: 'internal-error', val: 'the request body was not finished (outgoing-body.finish) before waiting for the response' } };
    }
    const backend = slice.current().backend;
    if (!backend) {
      return { ok: false, error: { tag: 'internal-error', val: 'outgoing HTTP is not supported in this environment: give the host an HttpBackend (in Node: createNodeHttpBackend from @mcp-wasm/node)' } };
    }
    const bytes = body?.collector.bytes();
    const answer = backend.send({
      method,
      url: url.href,
      headers,
      ...(bytes && bytes.length > 0 ? { body: bytes } : {}),
      policy: permission.policy,
      responseBytes: limits().responseBytes,
      timeoutMs,
    });
    if (answer.ok) return { ok: true, response: { status: answer.status, headers: answer.headers, body: answer.body } };
    if (answer.error.tag === 'destination-IP-prohibited') slice.deny(`${describeRequest(method, url)}: ${answer.detail ?? 'a non-public address that is not granted'}`);
    return { ok: false, error: answer.error };
  }

  function handle(request: OutgoingRequest, options: RequestOptions | undefined): FutureIncomingResponse {
    const { text, url, method, headers } = request.target();
    const scheme = schemeName(request.scheme() ?? { tag: 'HTTPS' });
    if (scheme !== 'http' && scheme !== 'https') {
      // Only http(s) origins can be granted; any other scheme is refused like an ungranted origin.
      slice.deny(`${method} ${text.split('?')[0]}`);
      throw { tag: 'HTTP-request-denied' } satisfies HttpErrorCode;
    }
    if (!url) throw { tag: 'HTTP-request-URI-invalid' } satisfies HttpErrorCode;
    const permission = permitRequest(url, slice.current().allow);
    if (!permission) {
      slice.deny(describeRequest(method, url));
      throw { tag: 'HTTP-request-denied' } satisfies HttpErrorCode;
    }
    const timeoutMs = Math.min(limits().timeoutMs, ...(options?.timeoutsMs() ?? []));
    return new FutureIncomingResponse(() => perform(request, url, method, headers, timeoutMs, permission));
  }

  return {
    'wasi:http/types': {
      Fields,
      OutgoingRequest,
      OutgoingBody,
      RequestOptions,
      FutureIncomingResponse,
      IncomingResponse,
      IncomingBody,
      FutureTrailers,
      IncomingRequest: refusedServerResource('incoming-request'),
      OutgoingResponse: refusedServerResource('outgoing-response'),
      ResponseOutparam: refusedServerResource('response-outparam'),
      httpErrorCode,
    },
    'wasi:http/outgoing-handler': { handle },
  };
}
