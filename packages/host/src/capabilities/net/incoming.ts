/**
 * The response side of `wasi:http/types`: the future a request returns, the response, its body and
 * trailers. The host performs a request in one synchronous step, so a future is resolved the first
 * time the guest looks at it, and every pollable is ready at once.
 */
import { Pollable, type InputStream } from '../../wasi/io.js';
import { BytesInputStream } from './body-streams.js';
import { Fields } from './fields.js';
import type { HttpErrorCode } from './types.js';

/** A finished response as the backend delivered it. */
export interface ReceivedResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

/** The outcome of a request: a response or an error code. */
export type ResponseOutcome = { ok: true; response: ReceivedResponse } | { ok: false; error: HttpErrorCode };

const encoder = new TextEncoder();

/** `future-trailers`: responses carry no trailers here, so it resolves to none at once. */
export class FutureTrailers {
  private taken = false;

  subscribe(): Pollable {
    return new Pollable();
  }

  get(): { tag: 'ok'; val: { tag: 'ok'; val: Fields | undefined } } | { tag: 'err'; val: undefined } {
    if (this.taken) return { tag: 'err', val: undefined };
    this.taken = true;
    return { tag: 'ok', val: { tag: 'ok', val: undefined } };
  }
}

/** `incoming-body`: the response body, readable once as a stream. */
export class IncomingBody {
  private streamTaken = false;

  constructor(private readonly bytes: Uint8Array) {}

  stream(): InputStream {
    if (this.streamTaken) throw undefined; // result<input-stream>: a second stream is refused
    this.streamTaken = true;
    return new BytesInputStream(this.bytes);
  }

  static finish(_body: IncomingBody): FutureTrailers {
    return new FutureTrailers();
  }
}

/** `incoming-response`: status, headers and a body that can be consumed once. */
export class IncomingResponse {
  private consumed = false;
  private readonly fields: Fields;

  constructor(private readonly response: ReceivedResponse) {
    this.fields = Fields.locked(response.headers.map(([name, value]) => [name, encoder.encode(value)] as const));
  }

  status(): number {
    return this.response.status;
  }

  headers(): Fields {
    return this.fields.lockedCopy();
  }

  consume(): IncomingBody {
    if (this.consumed) throw undefined;
    this.consumed = true;
    return new IncomingBody(this.response.body);
  }
}

type FutureValue = { tag: 'ok'; val: { tag: 'ok'; val: IncomingResponse } | { tag: 'err'; val: HttpErrorCode } } | { tag: 'err'; val: undefined };

/**
 * `future-incoming-response`. The request runs when the guest first subscribes or asks for the
 * value (by then the guest has written and finished the body), and runs only once.
 */
export class FutureIncomingResponse {
  private outcome: ResponseOutcome | undefined;
  private taken = false;

  constructor(private readonly perform: () => ResponseOutcome) {}

  subscribe(): Pollable {
    this.resolve();
    return new Pollable();
  }

  get(): FutureValue {
    if (this.taken) return { tag: 'err', val: undefined };
    const outcome = this.resolve();
    this.taken = true;
    return { tag: 'ok', val: outcome.ok ? { tag: 'ok', val: new IncomingResponse(outcome.response) } : { tag: 'err', val: outcome.error } };
  }

  private resolve(): ResponseOutcome {
    this.outcome ??= this.perform();
    return this.outcome;
  }
}
