/**
 * `@mcp-wasm/sdk/notify`: tell clients that something changed. Needs no grant.
 *
 * ```ts
 * import { resourceUpdated } from '@mcp-wasm/sdk/notify';
 * resourceUpdated('notes://today'); // clients subscribed to it read it again
 * ```
 */
import { resourceUpdated as witResourceUpdated } from 'mcp-wasm:servlet/notify@0.1.0';

/** The resource at `uri` changed; the client of the call in progress hears it if it subscribed. */
export function resourceUpdated(uri: string): void {
  witResourceUpdated(uri);
}
