/**
 * The network capability's backend for Node: requests run in a worker thread (node:http and
 * node:https there), and each host call blocks on the sync bridge until its response is complete.
 */
import type { HttpBackend, HttpBackendRequest, HttpBackendResponse } from '@mcp-wasm/host';
import { SyncBridge } from './sync-bridge.js';

/** Options of the Node HTTP backend. */
export interface NodeHttpBackendOptions {
  /**
   * Resolve names from this table (lower-case name → addresses) instead of DNS; a name that is not
   * in it is not found. For tests, which cannot rely on real DNS. The address policy applies to
   * these addresses exactly as to DNS answers.
   */
  hosts?: Record<string, readonly string[]>;
}

/** What the worker is started with. */
export interface HttpWorkerData {
  hosts?: Record<string, readonly string[]>;
}

/** An `HttpBackend` that can be closed (stops its worker thread). */
export interface NodeHttpBackend extends HttpBackend {
  /** Stops the worker; the backend stays usable (a new worker starts on the next request). */
  close(): Promise<void>;
}

/** Extra time the bridge gives the worker beyond the request's own limit, for it to report the timeout. */
const GRACE_MS = 2_000;

/** The worker's module: compiled JavaScript beside this file, or TypeScript when run from source (tests). */
const WORKER = new URL(import.meta.url.endsWith('.ts') ? './http-worker.ts' : './http-worker.js', import.meta.url);

/** Creates the Node HTTP backend. Its worker starts on the first request and never keeps the process alive. */
export function createNodeHttpBackend(options: NodeHttpBackendOptions = {}): NodeHttpBackend {
  const data: HttpWorkerData = options.hosts ? { hosts: lowerCaseKeys(options.hosts) } : {};
  const bridge = new SyncBridge<HttpBackendRequest, HttpBackendResponse>(WORKER, data);
  return {
    send(request) {
      try {
        return bridge.call(request, request.timeoutMs + GRACE_MS);
      } catch (error) {
        return { ok: false, error: { tag: 'internal-error', val: 'the HTTP worker did not answer' }, detail: (error as Error).message };
      }
    },
    close: () => bridge.close(),
  };
}

function lowerCaseKeys(hosts: Record<string, readonly string[]>): Record<string, readonly string[]> {
  return Object.fromEntries(Object.entries(hosts).map(([name, addresses]) => [name.toLowerCase(), [...addresses]]));
}
