/** Maps what can go wrong with a Node HTTP request to the error codes of `wasi:http/types`. */
import type { HttpBackendResponse, HttpErrorCode } from '@mcp-wasm/host';

/** A failure whose WASI error code is already known (a policy refusal, a limit, a timeout). */
export class RequestFailure extends Error {
  constructor(
    readonly httpCode: HttpErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestFailure';
  }
}

/** The connection would reach an address the policy refuses. */
export function prohibited(reason: string): RequestFailure {
  return new RequestFailure({ tag: 'destination-IP-prohibited' }, reason);
}

/** A backend answer for a known failure. */
export function failure(error: RequestFailure): HttpBackendResponse {
  return { ok: false, error: error.httpCode, detail: error.message };
}

const TLS_CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|UNABLE_TO_GET_ISSUER/;

/** The error code for an error node:http or node:net raised; `connected` tells a connect failure from a later one. */
export function failureFromError(error: Error, connected: boolean): HttpBackendResponse {
  if (error instanceof RequestFailure) return failure(error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const detail = code ? `${code}: ${error.message}` : error.message;
  return { ok: false, error: errorCode(code, connected), detail };
}

function errorCode(code: string, connected: boolean): HttpErrorCode {
  switch (code) {
    case 'ENOTFOUND':
    case 'ENODATA':
    case 'EAI_NONAME':
      return { tag: 'DNS-error', val: { rcode: 'NXDOMAIN' } };
    case 'EAI_AGAIN':
    case 'ETIMEOUT':
      return { tag: 'DNS-timeout' };
    case 'ECONNREFUSED':
      return { tag: 'connection-refused' };
    case 'ECONNRESET':
    case 'EPIPE':
      return { tag: connected ? 'connection-terminated' : 'connection-refused' };
    case 'ETIMEDOUT':
      return { tag: 'connection-timeout' };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return { tag: 'destination-IP-unroutable' };
    case 'EHOSTDOWN':
      return { tag: 'destination-unavailable' };
  }
  if (TLS_CERTIFICATE.test(code)) return { tag: 'TLS-certificate-error' };
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS')) return { tag: 'TLS-protocol-error' };
  if (code.startsWith('HPE_')) return { tag: 'HTTP-protocol-error' };
  return { tag: 'internal-error', val: code || 'the request failed' };
}
