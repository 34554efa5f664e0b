/** The storage capability's slice of a servlet's context. */
export interface KvContext {
  /** Most bytes (keys plus values) the servlet may store; 0 means storage is not granted. */
  readonly quotaBytes: number;
  readonly backend?: KvBackend;
}

/** Persistence of one servlet's key-value namespace, supplied by the adapter (defined by the storage capability). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface KvBackend {}
