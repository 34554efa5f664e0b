/**
 * Storage (`wasi:keyvalue`) on disk: one file per servlet under the home's `storage` directory,
 * holding every bucket of that servlet. Which file a backend uses is fixed by the servlet's name
 * when the backend is made; nothing a guest passes (bucket names, keys) becomes part of a path, so
 * no name can reach another servlet's data. Each change rewrites the file atomically (temporary
 * file, fsync, rename), mode 0600, so a kill leaves the old or the new namespace, never a torn one.
 *
 * Limits: a change rewrites the whole namespace, which suits the small quotas storage is meant for
 * (1 MiB by default). Two processes writing the same servlet's storage at the same instant (a
 * `serve` and a `call`) can lose one of the two writes; each re-reads the file when it changed, so
 * neither ever sees a torn one.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { KvBackend } from '@mcp-wasm/host';
import { writeFileAtomicSync } from './atomic-write.js';
import type { HomePaths } from './home.js';

/** Servlet names that may name a storage file (the same rule as installed servlets' names). */
const SAFE_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/**
 * The file's shape. Buckets and entries are lists of pairs, not objects, so that a bucket or key
 * named `__proto__` is stored like any other.
 */
interface StorageFile {
  version: 1;
  buckets: [bucket: string, entries: [key: string, base64: string][]][];
}

type Namespace = Map<string, Map<string, Uint8Array>>;

/** The storage file of `servlet` in `home`. */
export function storageFile(home: HomePaths, servlet: string): string {
  if (!SAFE_NAME.test(servlet)) throw new Error(`"${servlet}" is not a servlet name that can own storage`);
  return join(home.storage, `${servlet}.json`);
}

function stampOf(path: string): string {
  try {
    const info = statSync(path, { bigint: true });
    return `${info.ino}:${info.size}:${info.mtimeNs}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function parse(text: string, path: string): Namespace {
  let file: StorageFile;
  try {
    file = JSON.parse(text);
  } catch {
    throw new Error(`${path} is not valid JSON: restore it from a backup, or remove it to empty this servlet's storage`);
  }
  if (file.version !== 1 || !Array.isArray(file.buckets)) throw new Error(`${path} is not an mcp-wasm storage file this version understands`);
  return new Map(file.buckets.map(([bucket, entries]) => [bucket, new Map(entries.map(([key, value]) => [key, new Uint8Array(Buffer.from(value, 'base64'))]))]));
}

function serialize(namespace: Namespace): string {
  const file: StorageFile = {
    version: 1,
    buckets: [...namespace].map(([bucket, entries]) => [bucket, [...entries].map(([key, value]) => [key, Buffer.from(value).toString('base64')])]),
  };
  return JSON.stringify(file);
}

function sizeOf(namespace: Namespace): number {
  let total = 0;
  for (const entries of namespace.values()) for (const [key, value] of entries) total += Buffer.byteLength(key) + value.length;
  return total;
}

/** The storage of `servlet` in `home`, read from and written to its file. */
export function createKvBackend(home: HomePaths, servlet: string): KvBackend {
  const path = storageFile(home, servlet);
  let namespace: Namespace = new Map();
  let used = 0;
  let stamp = '';

  /** The namespace as on disk: re-read when the file changed since we last saw it (another process wrote it). */
  function current(): Namespace {
    const now = stampOf(path);
    if (now !== stamp) {
      namespace = now === 'missing' ? new Map() : parse(readFileSync(path, 'utf8'), path);
      used = sizeOf(namespace);
      stamp = now;
    }
    return namespace;
  }

  return {
    load: (bucket) => new Map(current().get(bucket)),
    usedBytes: () => (current(), used),
    persist(bucket, key, value) {
      const next: Namespace = new Map(current());
      const entries = new Map(next.get(bucket));
      if (value === undefined) {
        if (!entries.has(key)) return;
        entries.delete(key);
      } else entries.set(key, value.slice());
      if (entries.size > 0) next.set(bucket, entries);
      else next.delete(bucket);
      // The directory is the user's only: bucket and key names can say what a servlet keeps.
      mkdirSync(home.storage, { recursive: true, mode: 0o700 });
      writeFileAtomicSync(path, serialize(next), 0o600);
      // Only once the write succeeded does the new namespace become the current one; the next
      // operation re-reads the file, in case another process replaced it right after us.
      namespace = next;
      used = sizeOf(next);
      stamp = '';
    },
  };
}

/** One backend per servlet for a home, kept between calls so each call does not re-read the file. */
export function kvBackends(home: HomePaths): (servlet: string) => KvBackend {
  const backends = new Map<string, KvBackend>();
  return (servlet) => {
    let backend = backends.get(servlet);
    if (!backend) backends.set(servlet, (backend = createKvBackend(home, servlet)));
    return backend;
  };
}

/** Removes the storage of `servlet` (at uninstall). Removing storage that does not exist is not an error. */
export async function removeStorage(home: HomePaths, servlet: string): Promise<void> {
  await rm(storageFile(home, servlet), { force: true });
}
