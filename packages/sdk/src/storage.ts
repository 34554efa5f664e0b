/**
 * `@mcp-wasm/sdk/storage`: the servlet's own key-value storage, kept by the host between calls and
 * invisible to other servlets.
 *
 * ```ts
 * import * as storage from '@mcp-wasm/sdk/storage';
 * const count = storage.getJson<number>('count') ?? 0;
 * storage.set('count', count + 1);
 * ```
 * Storage must be declared in servlet.json (`capabilities.storage`, with an optional `quotaBytes`)
 * and granted by the person. Keys and values count against the quota; a write beyond it throws.
 * Every function takes an optional bucket name, to keep separate collections apart.
 */
import { open, type Bucket } from 'wasi:keyvalue/store@0.2.0-draft';
import { witErrorPayload, witErrorTag, witErrorText } from './wit-error.js';

/** The bucket used when none is named. */
export const DEFAULT_BUCKET = 'default';

/** Why a storage operation failed: `access-denied` (storage not granted), `no-such-store`, or `other` (such as the quota). */
export class StorageError extends Error {
  constructor(
    readonly code: 'access-denied' | 'no-such-store' | 'other',
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };
}
const codecs = globalThis as unknown as TextCodecs;

function toStorageError(error: unknown, what: string): StorageError {
  const payload = witErrorPayload(error);
  const tag = witErrorTag(payload);
  if (tag === 'access-denied') {
    return new StorageError('access-denied', `cannot ${what}: storage is not granted to this servlet (declare "storage" in servlet.json; the person grants it with \`mcp-wasm grant <servlet> --allow storage\`)`);
  }
  if (tag === 'no-such-store') return new StorageError('no-such-store', `cannot ${what}: the host knows no such store`);
  return new StorageError('other', `cannot ${what}: ${witErrorText(payload) ?? String(payload)}`);
}

/** Runs one host call, turning its error value into a `StorageError`. */
function call<T>(what: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw toStorageError(error, what);
  }
}

const buckets = new Map<string, Bucket>();

function bucketNamed(name: string): Bucket {
  let bucket = buckets.get(name);
  if (!bucket) {
    // Only a bucket that opened is kept: a refused one is asked again next time (it may be granted by then).
    bucket = call(`open storage bucket "${name}"`, () => open(name));
    buckets.set(name, bucket);
  }
  return bucket;
}

/** The bytes stored at `key`, or undefined. */
export function get(key: string, bucket = DEFAULT_BUCKET): Uint8Array | undefined {
  const handle = bucketNamed(bucket);
  return call(`read "${key}"`, () => handle.get(key));
}

/** The text stored at `key` (UTF-8), or undefined. */
export function getText(key: string, bucket = DEFAULT_BUCKET): string | undefined {
  const bytes = get(key, bucket);
  if (bytes === undefined) return undefined;
  try {
    return new codecs.TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new StorageError('other', `the value at "${key}" is not UTF-8 text: read it with get()`);
  }
}

/** The JSON value stored at `key`, parsed, or undefined. */
export function getJson<T = unknown>(key: string, bucket = DEFAULT_BUCKET): T | undefined {
  const text = getText(key, bucket);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new StorageError('other', `the value at "${key}" is not JSON: read it with getText()`);
  }
}

/**
 * Stores `value` at `key`: bytes as they are, a string as UTF-8 text, anything else as JSON. Throws
 * a `StorageError` when storage is not granted or the write would exceed the quota.
 */
export function set(key: string, value: Uint8Array | string | unknown, bucket = DEFAULT_BUCKET): void {
  let bytes: Uint8Array;
  if (value instanceof Uint8Array) bytes = value;
  else {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    if (text === undefined) throw new StorageError('other', `cannot store "${key}": the value is not JSON (undefined, a function or a symbol)`);
    bytes = new codecs.TextEncoder().encode(text);
  }
  const handle = bucketNamed(bucket);
  call(`store "${key}"`, () => handle.set(key, bytes));
}

/** Removes `key`; removing a missing key is not an error. */
function remove(key: string, bucket = DEFAULT_BUCKET): void {
  const handle = bucketNamed(bucket);
  call(`delete "${key}"`, () => handle.delete(key));
}
export { remove, remove as delete };

/** Whether `key` holds a value. */
export function has(key: string, bucket = DEFAULT_BUCKET): boolean {
  const handle = bucketNamed(bucket);
  return call(`look up "${key}"`, () => handle.exists(key));
}

/** Every key in the bucket, sorted. */
export function keys(bucket = DEFAULT_BUCKET): string[] {
  const handle = bucketNamed(bucket);
  const all: string[] = [];
  let cursor: bigint | undefined;
  do {
    const page = call(`list the keys of bucket "${bucket}"`, () => handle.listKeys(cursor));
    all.push(...page.keys);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return all;
}
