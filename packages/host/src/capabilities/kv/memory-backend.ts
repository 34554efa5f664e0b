/**
 * A key-value backend that keeps one namespace in memory, for hosts without persistent storage (a
 * browser tab, an embedding that brings its own) and for tests. Its data ends with the object.
 */
import type { KvBackend } from './types.js';

const encoder = new TextEncoder();

/** A fresh, empty in-memory namespace. */
export function createMemoryKvBackend(): KvBackend {
  const buckets = new Map<string, Map<string, Uint8Array>>();
  let used = 0;
  return {
    load: (bucket) => new Map(buckets.get(bucket)),
    usedBytes: () => used,
    persist(bucket, key, value) {
      const entries = buckets.get(bucket) ?? new Map<string, Uint8Array>();
      const previous = entries.get(key);
      if (previous) used -= encoder.encode(key).length + previous.length;
      if (value === undefined) entries.delete(key);
      else {
        // A copy: the caller may reuse its array.
        entries.set(key, value.slice());
        used += encoder.encode(key).length + value.length;
      }
      if (entries.size > 0) buckets.set(bucket, entries);
      else buckets.delete(bucket);
    },
  };
}
