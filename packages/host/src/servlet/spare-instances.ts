/**
 * Fresh instances a servlet keeps ready for the sessions to come, once it serves many (an instance
 * takes a second or more to start; over HTTP every 2026-07-28 request is a session of its own). A
 * spare has never run a call, so it carries no state of anyone. Spares start one at a time, so
 * their starts do not compete for the CPU with the calls being served.
 */
import type { ServletInstance } from './instance.js';

/** How many spares a servlet keeps ready. */
const SPARE_INSTANCES = 2;

/** Whom a starting instance reports its log and progress to: the slot that takes it, once one does. */
export interface InstanceOwner<S> {
  slot?: S;
}

/** The spares of one servlet. */
export class SpareInstances<S> {
  private spares: { owner: InstanceOwner<S>; instance: Promise<ServletInstance> }[] = [];
  private starting = false;
  private closed = false;
  /** Set once the servlet serves sessions; until then no spare is started. */
  wanted = false;

  constructor(private readonly start: (owner: InstanceOwner<S>) => Promise<ServletInstance>) {}

  /** A ready (or starting) spare, handed to `slot`, which hears its log and progress from now on. */
  take(slot: S): Promise<ServletInstance> | undefined {
    const spare = this.spares.shift();
    if (spare) spare.owner.slot = slot;
    return spare?.instance;
  }

  /** Tops the spares up when they are wanted, one start at a time. */
  topUp(): void {
    if (!this.wanted || this.closed || this.spares.length >= SPARE_INSTANCES || this.starting) return;
    const owner: InstanceOwner<S> = {};
    const spare = { owner, instance: this.start(owner) };
    this.spares.push(spare);
    this.starting = true;
    const next = () => {
      this.starting = false;
      this.topUp();
    };
    spare.instance.then(next, () => {
      this.spares = this.spares.filter((entry) => entry !== spare);
      this.starting = false;
    });
  }

  /** Ends every spare; none is started again. */
  async close(): Promise<void> {
    this.closed = true;
    const spares = this.spares;
    this.spares = [];
    await Promise.all(spares.map(async (spare) => (await spare.instance.catch(() => undefined))?.terminate()));
  }
}
