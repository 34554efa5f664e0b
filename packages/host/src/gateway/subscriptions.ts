/**
 * Resource subscriptions (2025-11-25 `resources/subscribe`): which URIs each connected client
 * follows. A servlet that changes a resource tells the host during a call; the client of that call
 * hears `notifications/resources/updated` if it subscribed to the URI. Other clients are not told:
 * each session has its own servlet instances, so a change one of them makes is that session's own.
 */
import type { Server } from '@modelcontextprotocol/server';

/** Subscribed URIs per protocol server. */
export class Subscriptions {
  private readonly byServer = new Map<Server, Set<string>>();

  /** `server`'s client follows `uri`. */
  add(server: Server, uri: string): void {
    let uris = this.byServer.get(server);
    if (!uris) this.byServer.set(server, (uris = new Set()));
    uris.add(uri);
  }

  /** `server`'s client no longer follows `uri`. */
  remove(server: Server, uri: string): void {
    this.byServer.get(server)?.delete(uri);
  }

  /** Drops everything `server` followed (its connection closed). */
  forget(server: Server): void {
    this.byServer.delete(server);
  }

  /** Tells `server`'s client that `uri` changed, if it follows it. */
  async notify(server: Server, uri: string): Promise<void> {
    if (!this.byServer.get(server)?.has(uri)) return;
    await server.sendResourceUpdated({ uri }).catch(() => {
      // A client that went away cannot be told; a notification must never fail a call.
    });
  }
}
