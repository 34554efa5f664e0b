/** `wasi:http`, imported by servlets that request network origins (see http.ts). Only what the SDK uses is typed. */
declare module 'wasi:http/types@0.2.12' {
  /** `wasi:io/streams` resources, typed here as the SDK uses them (the SDK never imports that interface). */
  export interface InputStream {
    blockingRead(len: bigint): Uint8Array;
  }
  export interface OutputStream {
    blockingWriteAndFlush(contents: Uint8Array): void;
  }
  export type Method =
    | { tag: 'get' | 'head' | 'post' | 'put' | 'delete' | 'connect' | 'options' | 'trace' | 'patch' }
    | { tag: 'other'; val: string };
  export type Scheme = { tag: 'HTTP' | 'HTTPS' } | { tag: 'other'; val: string };
  /** The `error-code` variant: a tag, and for some cases a payload. */
  export interface ErrorCode {
    tag: string;
    val?: unknown;
  }
  export class Fields {
    static fromList(entries: [string, Uint8Array][]): Fields;
    entries(): [string, Uint8Array][];
  }
  export class OutgoingBody {
    write(): OutputStream;
    static finish(body: OutgoingBody, trailers: Fields | undefined): void;
  }
  export class OutgoingRequest {
    constructor(headers: Fields);
    body(): OutgoingBody;
    setMethod(method: Method): void;
    setPathWithQuery(path: string | undefined): void;
    setScheme(scheme: Scheme | undefined): void;
    setAuthority(authority: string | undefined): void;
  }
  export class IncomingBody {
    stream(): InputStream;
  }
  export class IncomingResponse {
    status(): number;
    headers(): Fields;
    consume(): IncomingBody;
  }
  export interface Pollable {
    block(): void;
  }
  export class FutureIncomingResponse {
    subscribe(): Pollable;
    get(): { tag: 'ok'; val: { tag: 'ok'; val: IncomingResponse } | { tag: 'err'; val: ErrorCode } } | { tag: 'err'; val: undefined } | undefined;
  }
  export function httpErrorCode(error: unknown): ErrorCode | undefined;
}

declare module 'wasi:http/outgoing-handler@0.2.12' {
  import type { FutureIncomingResponse, OutgoingRequest } from 'wasi:http/types@0.2.12';
  export function handle(request: OutgoingRequest, options: undefined): FutureIncomingResponse;
}
