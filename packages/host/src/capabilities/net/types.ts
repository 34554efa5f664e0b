/** The network capability's slice of a servlet's context. */

/** What the HTTP implementation may reach. `backend` is absent where the environment cannot make requests. */
export interface NetContext {
  /** Granted origin patterns, such as `https://*.example.com` or `http://127.0.0.1:8080`. */
  readonly allow: readonly string[];
  readonly backend?: HttpBackend;
}

/** Synchronous HTTP supplied by the adapter (defined by the network capability). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface HttpBackend {}
