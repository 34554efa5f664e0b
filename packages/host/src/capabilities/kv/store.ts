/**
 * Host side of `wasi:keyvalue/store`: the servlet's own namespace, split into buckets, under a quota.
 * The live slice is read on every operation, not only at `open`: a revoke applies to a bucket the
 * guest opened earlier, and the backend is always the one of the call in progress.
 */
import type { LiveSlice } from '../context.js';
import type { KvBackend, KvContext } from './types.js';

/** Keys returned by one `list-keys` page unless configured otherwise. */
export const DEFAULT_PAGE_SIZE = 256;

/** Longest bucket name or key quoted in a denial or error: a guest could pass anything. */
const MAX_QUOTED = 128;

/** A `wasi:keyvalue/store` error value, as jco expects it thrown. */
export type KvError = { tag: 'no-such-store' } | { tag: 'access-denied' } | { tag: 'other'; val: string };

/** One page of keys, as `list-keys` returns it. */
export interface KeyResponse {
  keys: string[];
  cursor: bigint | undefined;
}

/** A bucket handle, as the guest holds it. */
export interface KvBucket {
  get(key: string): Uint8Array | undefined;
  set(key: string, value: Uint8Array): void;
  delete(key: string): void;
  exists(key: string): boolean;
  listKeys(cursor: bigint | undefined): KeyResponse;
}

/** The `wasi:keyvalue/store` interface for one instance. */
export interface KeyValueStore {
  Bucket: abstract new (...args: never[]) => KvBucket;
  open(identifier: string): KvBucket;
}

function quote(text: string): string {
  return JSON.stringify(text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED)}…` : text);
}

const encoder = new TextEncoder();

/** What an entry costs against the quota: its key's UTF-8 bytes plus its value's bytes. */
function entryBytes(key: string, value: Uint8Array | undefined): number {
  return value === undefined ? 0 : encoder.encode(key).length + value.length;
}

/** Builds `wasi:keyvalue/store` for one instance, reading `slice` on every operation. */
export function createKeyValueStore(slice: LiveSlice<KvContext>, options: { pageSize?: number } = {}): KeyValueStore {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;

  /** The backend, if storage is granted right now; otherwise the refusal, audited. */
  function backendFor(what: string): KvBackend {
    const kv = slice.current();
    if (kv.quotaBytes <= 0) {
      slice.deny(`${what}: storage is not granted`);
      throw { tag: 'access-denied' } satisfies KvError;
    }
    if (!kv.backend) {
      throw { tag: 'other', val: 'storage is granted but this host has no storage backend: run the servlet under a host that keeps storage (such as `mcp-wasm serve`)' } satisfies KvError;
    }
    return kv.backend;
  }

  class Bucket implements KvBucket {
    readonly #name: string;

    constructor(name: string) {
      this.#name = name;
    }

    get(key: string): Uint8Array | undefined {
      const value = backendFor(`get ${quote(key)} from bucket ${quote(this.#name)}`).load(this.#name).get(key);
      return value && value.slice();
    }

    set(key: string, value: Uint8Array): void {
      const what = `set ${quote(key)} in bucket ${quote(this.#name)}`;
      const backend = backendFor(what);
      const quota = slice.current().quotaBytes;
      // Checked before writing: the total after this write, counting the replaced entry as freed.
      const after = backend.usedBytes() - entryBytes(key, backend.load(this.#name).get(key)) + entryBytes(key, value);
      if (after > quota) {
        slice.deny(`${what}: ${after} bytes would exceed the storage quota of ${quota} bytes`);
        throw {
          tag: 'other',
          val:
            `storage quota exceeded: this write would bring the servlet's storage to ${after} bytes, over its quota of ${quota} bytes ` +
            `(keys plus values); delete keys it no longer needs, or raise storage.quotaBytes in its manifest (servlet.json) and update the installed servlet`,
        } satisfies KvError;
      }
      backend.persist(this.#name, key, value.slice());
    }

    delete(key: string): void {
      backendFor(`delete ${quote(key)} from bucket ${quote(this.#name)}`).persist(this.#name, key, undefined);
    }

    exists(key: string): boolean {
      return backendFor(`look up ${quote(key)} in bucket ${quote(this.#name)}`).load(this.#name).has(key);
    }

    /**
     * A cursor is the offset of the next key in the sorted key list. Keys set or deleted between two
     * pages can shift it (a key seen twice or missed), which the eventually consistent
     * `wasi:keyvalue` allows; a servlet wanting a snapshot reads all pages without writing.
     */
    listKeys(cursor: bigint | undefined): KeyResponse {
      const keys = [...backendFor(`list the keys of bucket ${quote(this.#name)}`).load(this.#name).keys()].sort();
      const start = cursor === undefined ? 0 : cursor > BigInt(keys.length) ? keys.length : Number(cursor);
      const end = Math.min(start + pageSize, keys.length);
      return { keys: keys.slice(start, end), cursor: end < keys.length ? BigInt(end) : undefined };
    }
  }

  return {
    Bucket,
    open(identifier: string): KvBucket {
      // Buckets are made on first use; any name is a bucket inside this servlet's own namespace,
      // so no name can reach another servlet's data.
      backendFor(`open bucket ${quote(identifier)}`);
      return new Bucket(identifier);
    },
  };
}
