/**
 * Bridges node:http to a web-standard `fetch(request) → response` handler. The SDK's own adapter
 * (`toNodeHandler` of @modelcontextprotocol/node) is not published for SDK 2.4, and a framework
 * (Hono's node-server) would be two more dependencies for these few lines.
 *
 * The URL is built from the address the server listens on, never from the request's Host header
 * (which the endpoint validates instead). The request's signal aborts when the client goes away,
 * and a streamed response (SSE) is cancelled then, so nothing keeps writing to a closed socket.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** A web-standard request handler. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** The web `Request` for a node:http request; `origin` is `http://host:port` of this server. */
export function toWebRequest(req: IncomingMessage, origin: string, signal: AbortSignal): Request | undefined {
  // Only origin-form targets (`/mcp?x`): an absolute-form target must not pick the URL's host.
  if (!req.url?.startsWith('/')) return undefined;
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url, origin), {
    method: req.method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
    signal,
    duplex: 'half',
  } as RequestInit);
}

/** Writes `response` to `res`, streaming its body with backpressure; stops when the client leaves. */
async function writeResponse(response: Response, res: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  if (response.statusText) res.writeHead(response.status, response.statusText, headers);
  else res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders(); // an SSE stream must reach the client before its first event
  const reader = response.body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once('close', stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve).once('close', resolve));
    }
  } catch {
    // The stream failed or was cancelled because the client left: nothing more can be sent.
  } finally {
    res.off('close', stop);
    res.end();
  }
}

/** A node:http request listener serving `handler`. */
export function nodeListener(handler: FetchHandler, origin: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const aborted = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort();
    });
    const request = toWebRequest(req, origin(), aborted.signal);
    if (!request) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('Bad Request: the request target must be a path');
      return;
    }
    handler(request)
      .then((response) => writeResponse(response, res))
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end();
      });
  };
}
