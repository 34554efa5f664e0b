/**
 * Fresh globals for every call. The engine cannot make a new realm (no ShadowRealm, no way to
 * create a global object), so the servlet does the next best thing: it records the global object
 * and every built-in reachable from it in one step (each global that is an object or a function,
 * and its `prototype`), and after each evaluation puts back what the code added, replaced, deleted
 * or re-parented there. Declarations never reach the global object (see evaluate.ts).
 *
 * What cannot be undone stays for the rest of the session (one instance per MCP session):
 * objects frozen or made non-extensible, non-configurable properties, and changes deeper than
 * the built-ins' own properties (an object stored inside a built-in's own object property).
 */
const ownKeys = Reflect.ownKeys;
const getDescriptor = Reflect.getOwnPropertyDescriptor;
const defineProperty = Reflect.defineProperty;
const deleteProperty = Reflect.deleteProperty;
const getPrototypeOf = Reflect.getPrototypeOf;
const setPrototypeOf = Reflect.setPrototypeOf;

interface Recorded {
  target: object;
  prototype: object | null;
  properties: Map<PropertyKey, PropertyDescriptor>;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function record(target: object): Recorded {
  const properties = new Map<PropertyKey, PropertyDescriptor>();
  for (const key of ownKeys(target)) properties.set(key, getDescriptor(target, key)!);
  return { target, prototype: getPrototypeOf(target), properties };
}

function same(a: PropertyDescriptor, b: PropertyDescriptor): boolean {
  return a.value === b.value && a.get === b.get && a.set === b.set && a.writable === b.writable && a.enumerable === b.enumerable && a.configurable === b.configurable;
}

/** The state of the global object and the built-ins, taken once, and put back after each call. */
export class GlobalsBaseline {
  private readonly recorded: Recorded[];

  /** Records the globals as they are now: take it after the servlet's own setup. */
  constructor() {
    const targets = new Set<object>([globalThis]);
    for (const key of ownKeys(globalThis)) {
      const value = getDescriptor(globalThis, key)?.value as unknown;
      if (!isObject(value)) continue;
      targets.add(value);
      const prototype = getDescriptor(value, 'prototype')?.value as unknown;
      if (isObject(prototype)) targets.add(prototype);
    }
    this.recorded = [...targets].map(record);
  }

  /**
   * Puts the recorded state back; returns how many changes could not be undone. Those become part
   * of the recorded state, so they are reported once, not after every later call.
   */
  restore(): number {
    let stuck = 0;
    for (const entry of this.recorded) {
      const { target, properties } = entry;
      if (getPrototypeOf(target) !== entry.prototype && !setPrototypeOf(target, entry.prototype)) {
        stuck++;
        entry.prototype = getPrototypeOf(target);
      }
      for (const key of ownKeys(target)) {
        if (properties.has(key) || deleteProperty(target, key)) continue;
        stuck++;
        properties.set(key, getDescriptor(target, key)!);
      }
      for (const [key, descriptor] of properties) {
        const current = getDescriptor(target, key);
        if ((current && same(current, descriptor)) || defineProperty(target, key, descriptor)) continue;
        stuck++;
        if (current) properties.set(key, current);
        else properties.delete(key);
      }
    }
    return stuck;
  }
}
