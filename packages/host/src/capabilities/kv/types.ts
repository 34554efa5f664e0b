/** The storage capability's slice of a servlet's context. */
export interface KvContext {
  /** Most bytes (keys plus values, over all buckets) the servlet may store; 0 means storage is not granted. */
  readonly quotaBytes: number;
  /** Where the servlet's namespace is kept; without one, granted storage is refused as unavailable. */
  readonly backend?: KvBackend;
}

/**
 * Persistence of one servlet's key-value namespace, supplied by the adapter. A backend reaches only
 * the namespace it was made for: which servlet it serves is decided when it is made, never by the
 * guest. Synchronous, because host calls from a guest are. Bucket names and keys are any strings;
 * the backend must keep them apart from each other and from its own file names.
 */
export interface KvBackend {
  /** The entries of `bucket` as stored now; empty when the bucket holds nothing. */
  load(bucket: string): ReadonlyMap<string, Uint8Array>;
  /** Bytes stored in the whole namespace: the UTF-8 length of every key plus the length of every value. */
  usedBytes(): number;
  /** Stores `value` at `key` in `bucket`, or removes `key` when `value` is undefined; durable once it returns. */
  persist(bucket: string, key: string, value: Uint8Array | undefined): void;
}
