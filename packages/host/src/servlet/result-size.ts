/**
 * The size of a servlet's result as the client will receive it: its JSON text, with byte arrays
 * (image, audio and blob content) counted as the base64 string they become. `JSON.stringify` of a
 * Uint8Array writes `{"0":137,…}` and would count a picture several times too large.
 */

const encoder = new TextEncoder();

/** Bytes of `value` as JSON, a byte array counted as its quoted base64. */
export function resultSize(value: unknown): number {
  if (value instanceof Uint8Array) return Math.ceil(value.length / 3) * 4 + 2;
  if (typeof value === 'bigint') return String(value).length;
  if (value === null || typeof value !== 'object') return encoder.encode(JSON.stringify(value) ?? '').length;
  const entries: number[] = Array.isArray(value)
    ? value.map((item) => resultSize(item))
    : Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => encoder.encode(JSON.stringify(key)).length + 1 + resultSize(item));
  return 2 + entries.reduce((sum, size) => sum + size, 0) + Math.max(0, entries.length - 1);
}
