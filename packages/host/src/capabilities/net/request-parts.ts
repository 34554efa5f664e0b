/**
 * Small parts of `wasi:http/types` requests: the `method` and `scheme` variants, `request-options`,
 * and stand-ins for the server-side resources (a servlet only makes requests; it never serves).
 */
import { HTTP_TOKEN } from './http-syntax.js';
/** The `method` variant. */
export type Method =
  | { tag: 'get' | 'head' | 'post' | 'put' | 'delete' | 'connect' | 'options' | 'trace' | 'patch' }
  | { tag: 'other'; val: string };

/** The `scheme` variant. */
export type Scheme = { tag: 'HTTP' | 'HTTPS' } | { tag: 'other'; val: string };


/** The method as sent on the wire, or undefined when an extension method is not a token. */
export function methodName(method: Method): string | undefined {
  if (method.tag !== 'other') return method.tag.toUpperCase();
  return HTTP_TOKEN.test(method.val) ? method.val : undefined;
}

/** The scheme in lower case, as in a URL. */
export function schemeName(scheme: Scheme): string {
  return scheme.tag === 'other' ? scheme.val.toLowerCase() : scheme.tag.toLowerCase();
}

/** Nanoseconds (a WASI `duration`) to whole milliseconds, at least 1. */
function toMs(duration: bigint): number {
  return Math.max(1, Number(duration / 1_000_000n));
}

/**
 * `request-options`: timeouts the guest may ask for. They can only shorten a request: the host's
 * own limit still applies.
 */
export class RequestOptions {
  private connect: bigint | undefined;
  private firstByte: bigint | undefined;
  private betweenBytes: bigint | undefined;

  connectTimeout(): bigint | undefined {
    return this.connect;
  }
  setConnectTimeout(duration: bigint | undefined): void {
    this.connect = duration;
  }
  firstByteTimeout(): bigint | undefined {
    return this.firstByte;
  }
  setFirstByteTimeout(duration: bigint | undefined): void {
    this.firstByte = duration;
  }
  betweenBytesTimeout(): bigint | undefined {
    return this.betweenBytes;
  }
  setBetweenBytesTimeout(duration: bigint | undefined): void {
    this.betweenBytes = duration;
  }

  /**
   * The guest's limits for the whole request, in milliseconds. Connect plus first byte bounds the
   * time to the response; between-bytes is not enforced separately (the whole-request limit is).
   */
  timeoutsMs(): number[] {
    if (this.connect === undefined && this.firstByte === undefined) return [];
    return [toMs((this.connect ?? 0n) + (this.firstByte ?? 0n))];
  }
}

/** A server-side resource: servlets make requests but never serve them, so it cannot be created. */
export function refusedServerResource(name: string): new () => never {
  return class {
    constructor() {
      throw new Error(`servlets make HTTP requests but never serve them: wasi:http ${name} is not available`);
    }
  } as unknown as new () => never;
}
