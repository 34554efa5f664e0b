/**
 * The network capability's slice of a servlet's context, and the contract of the adapter that
 * performs HTTP requests.
 *
 * The core decides whether a request may be made at all (its origin against the granted patterns)
 * before any I/O; the backend performs it, and applies the address policy the core hands it to the
 * address it actually connects to (only the backend knows what a name resolved to).
 */
import type { AddressPolicy } from './address.js';

/** Size and time limits of outgoing HTTP; every field has a default (`DEFAULT_NET_LIMITS`). */
export interface NetLimits {
  /** Most bytes of request body a servlet may send in one request. */
  readonly requestBytes: number;
  /** Most bytes of response body a servlet may receive in one request; a longer response fails. */
  readonly responseBytes: number;
  /** Longest one request may take, from connecting to the last byte of the response, in milliseconds. */
  readonly timeoutMs: number;
}

/**
 * Defaults: 8 MiB of request body, 16 MiB of response body, 30 seconds per request. Enough for API
 * calls and documents, small enough that one servlet cannot fill the host's memory.
 */
export const DEFAULT_NET_LIMITS: NetLimits = { requestBytes: 8 * 1024 * 1024, responseBytes: 16 * 1024 * 1024, timeoutMs: 30_000 };

/**
 * What the HTTP implementation may reach. Deny by default: with no `allow` entry every request is
 * refused; without a `backend` an allowed request fails as unsupported in this environment.
 */
export interface NetContext {
  /** Granted origin patterns, such as `https://*.example.com` or `http://127.0.0.1:8080`. */
  readonly allow: readonly string[];
  /** Performs requests; absent where the environment cannot make them. */
  readonly backend?: HttpBackend;
  /** Limits; missing fields take `DEFAULT_NET_LIMITS`. */
  readonly limits?: Partial<NetLimits>;
}

/** The `error-code` variant of `wasi:http/types`, as jco represents it (the cases this host produces). */
export type HttpErrorCode =
  | {
      tag:
        | 'DNS-timeout'
        | 'destination-not-found'
        | 'destination-unavailable'
        | 'destination-IP-prohibited'
        | 'destination-IP-unroutable'
        | 'connection-refused'
        | 'connection-terminated'
        | 'connection-timeout'
        | 'connection-read-timeout'
        | 'connection-write-timeout'
        | 'TLS-protocol-error'
        | 'TLS-certificate-error'
        | 'HTTP-request-denied'
        | 'HTTP-request-method-invalid'
        | 'HTTP-request-URI-invalid'
        | 'HTTP-response-incomplete'
        | 'HTTP-response-timeout'
        | 'HTTP-protocol-error'
        | 'configuration-error';
    }
  | { tag: 'DNS-error'; val: { rcode?: string; infoCode?: number } }
  | { tag: 'HTTP-request-body-size' | 'HTTP-response-body-size'; val?: bigint }
  | { tag: 'internal-error'; val?: string };

/** One request, as the core hands it to a backend. Plain data (structured-cloneable). */
export interface HttpBackendRequest {
  /** Upper-case method: `GET`, `POST`, or an extension token. */
  readonly method: string;
  /** The absolute URL, already normalised by the URL parser and checked against the grants. */
  readonly url: string;
  /** Request headers; never `host`, `content-length` or hop-by-hop headers (the backend sets those). */
  readonly headers: readonly (readonly [string, string])[];
  /** The whole request body, if any (already within the request limit). */
  readonly body?: Uint8Array;
  /** Which non-public addresses this request may connect to; every other address must be refused. */
  readonly policy: AddressPolicy;
  /** Most bytes of response body to accept; more fails with `HTTP-response-body-size`. */
  readonly responseBytes: number;
  /** Time limit of the whole request, in milliseconds. */
  readonly timeoutMs: number;
}

/** What a backend answers: a whole response, or a failure as a WASI error code. */
export type HttpBackendResponse =
  | { ok: true; status: number; headers: [string, string][]; body: Uint8Array }
  | {
      ok: false;
      error: HttpErrorCode;
      /** What happened, in plain words (for the audit log and the servlet's log); never header or body contents. */
      detail?: string;
    };

/**
 * Performs HTTP requests for the core, synchronously (host calls cannot wait on promises). It must
 * connect only to addresses `request.policy` allows (checking the address it actually connects to,
 * after resolution), never follow redirects, and keep to the byte and time limits.
 */
export interface HttpBackend {
  send(request: HttpBackendRequest): HttpBackendResponse;
}
