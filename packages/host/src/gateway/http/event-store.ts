/**
 * Resumability for 2025-11-25 sessions: the messages sent on a session's SSE streams are kept, so a
 * client that lost its connection reconnects with `Last-Event-ID` and receives what it missed. One
 * store per session (a session never replays another's events), bounded so that a client that never
 * reconnects cannot grow it without limit: the oldest events are dropped first.
 */
import type { EventId, EventStore, JSONRPCMessage, StreamId } from '@modelcontextprotocol/server';

interface StoredEvent {
  id: EventId;
  streamId: StreamId;
  message: JSONRPCMessage;
}

/** An in-memory `EventStore` keeping the last `capacity` events. */
export class MemoryEventStore implements EventStore {
  private readonly events: StoredEvent[] = [];
  private counter = 0;

  constructor(private readonly capacity = 1000) {}

  async storeEvent(streamId: StreamId, message: JSONRPCMessage): Promise<EventId> {
    // The stream is part of the id, so a replay knows its stream even after older events were dropped.
    const id = `${streamId}_${++this.counter}`;
    this.events.push({ id, streamId, message });
    if (this.events.length > this.capacity) this.events.splice(0, this.events.length - this.capacity);
    return id;
  }

  async getStreamIdForEventId(eventId: EventId): Promise<StreamId | undefined> {
    const separator = eventId.lastIndexOf('_');
    return separator > 0 ? eventId.slice(0, separator) : undefined;
  }

  async replayEventsAfter(lastEventId: EventId, { send }: { send: (eventId: EventId, message: JSONRPCMessage) => Promise<void> }): Promise<StreamId> {
    const streamId = await this.getStreamIdForEventId(lastEventId);
    const after = Number(lastEventId.slice(lastEventId.lastIndexOf('_') + 1));
    if (streamId === undefined || !Number.isSafeInteger(after)) throw new Error(`unknown event id: ${lastEventId}`);
    for (const event of this.events) {
      if (event.streamId === streamId && Number(event.id.slice(event.id.lastIndexOf('_') + 1)) > after) await send(event.id, event.message);
    }
    return streamId;
  }
}
