/** The error value of a failed WIT import call, as componentize-js throws it. */

/**
 * The `err` payload of a `result` returned by a host import: componentize-js throws an error whose
 * `payload` holds it (or, in some versions, the payload itself).
 */
export function witErrorPayload(error: unknown): unknown {
  if (error !== null && typeof error === 'object' && 'payload' in error) return (error as { payload: unknown }).payload;
  return error;
}

/** The tag of a WIT variant error value, if it is one. */
export function witErrorTag(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  if (payload !== null && typeof payload === 'object' && 'tag' in payload) return String((payload as { tag: unknown }).tag);
  return undefined;
}

/** The text carried by a WIT variant error value (`other(string)`), if any. */
export function witErrorText(payload: unknown): string | undefined {
  if (payload !== null && typeof payload === 'object' && 'val' in payload && typeof (payload as { val: unknown }).val === 'string') {
    return (payload as { val: string }).val;
  }
  return undefined;
}
