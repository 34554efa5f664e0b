/**
 * Performs one outgoing HTTP request for the network capability, with node:http and node:https.
 * Runs in the HTTP worker thread (see http-backend.ts).
 *
 * The address policy is applied to the address actually connected to: names are resolved here, by
 * a `lookup` that keeps only the addresses the policy allows (so a DNS answer cannot steer the
 * connection to loopback or the metadata endpoint), an IP literal is checked before connecting, and
 * the socket's remote address is checked again once connected, before anything is sent. Redirects
 * are never followed; sizes and time are capped.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction, type Socket } from 'node:net';
import { checkAddress, type AddressPolicy, type HttpBackendRequest, type HttpBackendResponse } from '@mcp-wasm/host';
import { failure, failureFromError, prohibited, RequestFailure } from './http-failure.js';

/** Turns a host name into its addresses (all of them, IPv4 and IPv6). */
export type Resolver = (hostname: string) => Promise<string[]>;

/** A `lookup` for node:net that resolves with `resolve` and keeps only the addresses `policy` allows. */
function policyLookup(resolve: Resolver, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const verdicts = addresses.map((address) => ({ address, verdict: checkAddress(address, policy) }));
        const allowed = verdicts.filter(({ verdict }) => verdict.allowed).map(({ address }) => ({ address, family: isIP(address) }));
        const family = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = family ? allowed.filter((entry) => entry.family === family) : allowed;
        if (usable.length === 0) {
          const refused = verdicts.find(({ verdict }) => !verdict.allowed)?.verdict;
          const error = refused && !refused.allowed ? prohibited(`${hostname} resolves only to addresses this grant does not allow: ${refused.reason}`) : notFound(hostname);
          callback(error, '', 4);
        } else if (options.all) {
          callback(null, usable);
        } else {
          callback(null, usable[0]!.address, usable[0]!.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 4),
    );
  };
}

function notFound(hostname: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' });
}

/** Checks the connected socket's peer before the request is written to it. */
function guardSocket(socket: Socket, policy: AddressPolicy, abort: (error: Error) => void): void {
  const check = () => {
    const remote = socket.remoteAddress;
    const verdict = remote ? checkAddress(remote, policy) : { allowed: false as const, reason: 'the connection has no remote address' };
    if (!verdict.allowed) abort(prohibited(`connected to ${verdict.reason}`));
  };
  // Prepended, so it runs before node:http flushes the queued request onto the socket.
  if (socket.connecting) socket.prependOnceListener('connect', check);
  else check();
}

/** Performs `request`; never throws: failures are WASI error codes. */
export function performRequest(request: HttpBackendRequest, resolve: Resolver): Promise<HttpBackendResponse> {
  return new Promise((settle) => {
    const url = new URL(request.url);
    const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(hostname)) {
      const verdict = checkAddress(hostname, request.policy);
      if (!verdict.allowed) return settle(failure(prohibited(verdict.reason)));
    }
    let connected = false;
    let done = false;
    const finish = (response: HttpBackendResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      settle(response);
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(url, {
      method: request.method,
      headers: Object.fromEntries(groupHeaders(request.headers)),
      agent: false, // a fresh connection per request: a pooled socket would skip the address checks
      lookup: policyLookup(resolve, request.policy),
      ...(isIP(hostname) ? {} : { servername: hostname }),
    });
    const abort = (error: Error) => {
      finish(failureFromError(error, connected));
      outgoing.destroy(error);
    };
    const timer = setTimeout(
      () => abort(new RequestFailure({ tag: connected ? 'HTTP-response-timeout' : 'connection-timeout' }, `no complete response within ${request.timeoutMs} ms`)),
      request.timeoutMs,
    );
    outgoing.on('socket', (socket: Socket) => {
      guardSocket(socket, request.policy, abort);
      socket.once('connect', () => (connected = true));
    });
    outgoing.on('error', (error) => finish(failureFromError(error, connected)));
    outgoing.on('response', (response) => readResponse(response, request.responseBytes, finish, abort));
    outgoing.end(request.body ? Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength) : undefined);
  });
}

/** Headers as node:http takes them: repeated names as arrays. */
function groupHeaders(headers: HttpBackendRequest['headers']): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of headers) grouped.set(name, [...(grouped.get(name) ?? []), value]);
  return grouped;
}

function readResponse(response: IncomingMessage, limit: number, finish: (response: HttpBackendResponse) => void, abort: (error: Error) => void): void {
  const tooBig = (size: number) => new RequestFailure({ tag: 'HTTP-response-body-size', val: BigInt(size) }, `the response body exceeds the limit of ${limit} bytes`);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return abort(tooBig(declared));
  const chunks: Buffer[] = [];
  let size = 0;
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) return abort(tooBig(size));
    chunks.push(chunk);
  });
  response.on('error', (error) => abort(error));
  response.on('aborted', () => abort(new RequestFailure({ tag: 'HTTP-response-incomplete' }, 'the server closed the connection mid-response')));
  response.on('end', () => {
    if (!response.complete) return abort(new RequestFailure({ tag: 'HTTP-response-incomplete' }, 'the server closed the connection mid-response'));
    const headers: [string, string][] = [];
    for (let index = 0; index < response.rawHeaders.length; index += 2) headers.push([response.rawHeaders[index]!.toLowerCase(), response.rawHeaders[index + 1]!]);
    const body = Buffer.concat(chunks);
    finish({ ok: true, status: response.statusCode ?? 0, headers, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
  });
}
