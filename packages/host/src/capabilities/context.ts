/**
 * What one servlet may reach during one call: a slice per capability, built by the adapter from the
 * servlet's grants. Deny by default: `emptyCapabilities` grants nothing, and every slice a builder
 * leaves out stays empty. A host implementation receives only its own capability's slice.
 *
 * Defaults (what an empty context means):
 * - fs: no mounts, so no preopened directory and no path resolves;
 * - net: no allowed origin, so every outgoing request is refused;
 * - config: no keys, so `get` answers none for every key (secrets included);
 * - kv: no storage, so opening a bucket is refused;
 * - client features (sampling, elicitation, roots): refused.
 */
import type { FsContext } from './fs/types.js';
import type { NetContext } from './net/types.js';
import type { ConfigContext } from './config/types.js';
import type { KvContext } from './kv/types.js';
import type { ClientRequest } from './client/client-messages.js';

/** The capabilities of the table in PRODUCT.md, as named in denials and the audit log. */
export type CapabilityKind = 'filesystem' | 'network' | 'config' | 'secrets' | 'storage' | 'sampling' | 'elicitation' | 'roots' | 'upstream';

/** One refusal: which capability, and what the guest asked for (never a secret value). */
export interface Denial {
  capability: CapabilityKind;
  /** What was asked, in plain words: a path, a URL, a key. */
  detail: string;
}

/** Hears every refusal, for the audit log. Must not throw. */
export type DenialReporter = (denial: Denial) => void;

/** Client features a servlet may use, each off unless granted. */
export interface ClientFeatureContext {
  sampling: boolean;
  elicitation: boolean;
  roots: boolean;
  /** Asks the client of the call in progress and blocks until it answers (throws on failure); absent where that is impossible. */
  ask?: (request: ClientRequest) => unknown;
}

/** Everything one servlet may reach, one slice per capability. */
export interface CapabilityContext {
  /** The servlet these grants belong to. */
  readonly servlet: string;
  readonly fs: FsContext;
  readonly net: NetContext;
  readonly config: ConfigContext;
  readonly kv: KvContext;
  readonly client: ClientFeatureContext;
  /** Where refusals are reported. */
  readonly denied: DenialReporter;
}

/** Gives the servlet's current capabilities; asked at the start of every call, so grants and revokes apply to the next call. */
export type CapabilityProvider = () => CapabilityContext;

/** A context that grants nothing. */
export function emptyCapabilities(servlet: string, denied: DenialReporter = () => {}): CapabilityContext {
  return {
    servlet,
    fs: { mounts: [] },
    net: { allow: [] },
    config: { values: new Map(), secretKeys: new Set() },
    kv: { quotaBytes: 0 },
    client: { sampling: false, elicitation: false, roots: false },
    denied,
  };
}

/**
 * One capability's view of the live context: its own slice of the current call's context, and a
 * way to report a refusal. Host implementations get this and nothing else of the host.
 */
export interface LiveSlice<T> {
  /** The slice as granted for the call in progress. */
  current(): T;
  /** Reports a refusal of `detail` (audit log); `capability` defaults to the slice's own. */
  deny(detail: string, capability?: CapabilityKind): void;
}

/** Cuts one capability's live slice out of a live context. */
export function liveSlice<K extends 'fs' | 'net' | 'config' | 'kv' | 'client'>(
  live: () => CapabilityContext,
  key: K,
  capability: CapabilityKind,
): LiveSlice<CapabilityContext[K]> {
  return {
    current: () => live()[key],
    deny: (detail, kind = capability) => live().denied({ capability: kind, detail }),
  };
}
