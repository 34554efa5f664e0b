/**
 * `@mcp-wasm/sdk/fs`: files in the directories the person granted, by their guest paths.
 *
 * ```ts
 * import { readTextFile, writeFile } from '@mcp-wasm/sdk/fs';
 * writeFile('/data/notes.txt', readTextFile('/docs/template.txt'));
 * ```
 * Mounts must be declared in servlet.json (`capabilities.filesystem`, each with a guest path such as
 * `/data`, `read-only` or `read-write`, and a purpose) and granted by the person, who chooses the
 * host directory. Everything is synchronous. Failures throw an `FsError` carrying the WASI code.
 * Symbolic links are never followed, and nothing outside the granted directories exists.
 */
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';
import type { Datetime, Descriptor, DescriptorType } from 'wasi:filesystem/types@0.2.12';
import { FsError, fsCall } from './fs-error.js';
import { drop, located, NO_FOLLOW, withOpen } from './fs-locate.js';
import { witErrorPayload } from './wit-error.js';

export { FsError, type FsErrorCode } from './fs-error.js';

/** What a directory entry or path is. */
export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

/** A directory entry. */
export interface DirEntry {
  name: string;
  kind: FileKind;
}

/** What `stat` answers. */
export interface FileInfo {
  kind: FileKind;
  /** Size in bytes. */
  size: number;
  /** Last modification, when the host reports it. */
  modified?: Date;
  /** Last access, when the host reports it. */
  accessed?: Date;
  /** Last status change (metadata or content), when the host reports it. */
  changed?: Date;
}

/** A directory granted to this servlet: its guest path and whether the person granted writing. */
export interface GrantedDirectory {
  path: string;
  writable: boolean;
}

interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };
}
const codecs = globalThis as unknown as TextCodecs;

const CHUNK = 64 * 1024;

function kindOf(type: DescriptorType): FileKind {
  if (type === 'regular-file') return 'file';
  if (type === 'directory') return 'directory';
  if (type === 'symbolic-link') return 'symlink';
  return 'other';
}

/** The WASI code of a host call's error value, if it is one. */
function witCode(error: unknown): string | undefined {
  const payload = witErrorPayload(error);
  return typeof payload === 'string' ? payload : undefined;
}

/** The bytes of the file at `path`. */
export function readFile(path: string): Uint8Array {
  return located(path, 'read', ({ dir, relative }) =>
    withOpen(dir.openAt(NO_FOLLOW, relative, {}, { read: true }), (file) => {
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        const [bytes, end] = file.read(BigInt(CHUNK), BigInt(total));
        chunks.push(bytes);
        total += bytes.length;
        if (end || bytes.length === 0) break;
      }
      const all = new Uint8Array(total);
      let offset = 0;
      for (const chunk of chunks) {
        all.set(chunk, offset);
        offset += chunk.length;
      }
      return all;
    }),
  );
}

/** The text (UTF-8) of the file at `path`. */
export function readTextFile(path: string): string {
  return new codecs.TextDecoder().decode(readFile(path));
}

function bytesOf(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? new codecs.TextEncoder().encode(data) : data;
}

/** Writes the file at `path` (text as UTF-8), creating it or replacing what it held. */
export function writeFile(path: string, data: string | Uint8Array): void {
  const bytes = bytesOf(data);
  located(path, 'write', ({ dir, relative }) =>
    withOpen(dir.openAt(NO_FOLLOW, relative, { create: true, truncate: true }, { write: true }), (file) => {
      let done = 0;
      while (done < bytes.length) done += Number(file.write(bytes.subarray(done, done + CHUNK), BigInt(done)));
    }),
  );
}

/** Adds to the end of the file at `path`, creating it when missing. */
export function appendFile(path: string, data: string | Uint8Array): void {
  const bytes = bytesOf(data);
  located(path, 'append to', ({ dir, relative }) =>
    withOpen(dir.openAt(NO_FOLLOW, relative, { create: true }, { write: true }), (file) => {
      const stream = file.appendViaStream();
      try {
        // blocking-write-and-flush takes at most 4096 bytes per call.
        for (let offset = 0; offset < bytes.length; offset += 4096) stream.blockingWriteAndFlush(bytes.subarray(offset, offset + 4096));
      } finally {
        drop(stream);
      }
    }),
  );
}

/** The entries of the directory at `path`, sorted by name. */
export function readDir(path: string): DirEntry[] {
  return located(path, 'list', ({ dir, relative }) =>
    withOpen(dir.openAt(NO_FOLLOW, relative, { directory: true }, { read: true }), (directory) => {
      const stream = directory.readDirectory();
      const entries: DirEntry[] = [];
      try {
        for (let entry = stream.readDirectoryEntry(); entry; entry = stream.readDirectoryEntry()) entries.push({ name: entry.name, kind: kindOf(entry.type) });
      } finally {
        drop(stream);
      }
      return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }),
  );
}

function dateOf(time: Datetime | undefined): Date | undefined {
  return time && new Date(Number(time.seconds) * 1000 + Math.floor(time.nanoseconds / 1e6));
}

/** What is at `path` (a symlink is reported as one, never followed). */
export function stat(path: string): FileInfo {
  return located(path, 'stat', ({ dir, relative }) => {
    const info = dir.statAt(NO_FOLLOW, relative);
    const times = { modified: dateOf(info.dataModificationTimestamp), accessed: dateOf(info.dataAccessTimestamp), changed: dateOf(info.statusChangeTimestamp) };
    const known = Object.fromEntries(Object.entries(times).filter(([, time]) => time !== undefined));
    return { kind: kindOf(info.type), size: Number(info.size), ...known };
  });
}

/**
 * At most `length` bytes of the file at `path`, from byte `offset` (fewer at the end of the file):
 * for reading the start or the end of a large file without reading all of it.
 */
export function readFileRange(path: string, offset: number, length: number): Uint8Array {
  return located(path, 'read', ({ dir, relative }) =>
    withOpen(dir.openAt(NO_FOLLOW, relative, {}, { read: true }), (file) => {
      const all = new Uint8Array(Math.max(0, length));
      let total = 0;
      while (total < all.length) {
        const [bytes, end] = file.read(BigInt(Math.min(CHUNK, all.length - total)), BigInt(offset + total));
        all.set(bytes, total);
        total += bytes.length;
        if (end || bytes.length === 0) break;
      }
      return all.subarray(0, total);
    }),
  );
}

/**
 * The directories granted to this servlet (the mounts the person chose at install, by guest path),
 * asked for on every call so a grant or revoke shows at once.
 */
export function grantedDirectories(): GrantedDirectory[] {
  const preopens = getDirectories();
  try {
    return preopens.map(([dir, path]) => ({ path, writable: Boolean(dir.getFlags().mutateDirectory) }));
  } finally {
    for (const [dir] of preopens) drop(dir);
  }
}

/** Whether something is at `path`. Paths outside the granted directories throw, as everywhere. */
export function exists(path: string): boolean {
  try {
    stat(path);
    return true;
  } catch (error) {
    if (error instanceof FsError && (error.code === 'no-entry' || error.code === 'not-directory')) return false;
    throw error;
  }
}

/** Creates the directory at `path`; with `recursive`, its missing parents too, and an existing directory is fine. */
export function mkdir(path: string, options: { recursive?: boolean } = {}): void {
  located(path, 'create directory', ({ dir, relative }) => {
    if (!options.recursive) return dir.createDirectoryAt(relative);
    const names = relative.split('/').filter((name) => name !== '.' && name !== '');
    for (let depth = 1; depth <= names.length; depth++) {
      const prefix = names.slice(0, depth).join('/');
      let type: DescriptorType | undefined;
      try {
        type = dir.statAt(NO_FOLLOW, prefix).type;
      } catch (error) {
        if (witCode(error) !== 'no-entry') throw error;
      }
      if (type === undefined) dir.createDirectoryAt(prefix);
      else if (type !== 'directory') throw depth === names.length ? 'exist' : 'not-directory';
    }
  });
}

/** Removes the file or empty directory at `path`; with `recursive`, a directory and all it holds. */
export function remove(path: string, options: { recursive?: boolean } = {}): void {
  located(path, 'remove', ({ dir, relative }) => {
    if (relative === '.') throw new FsError('not-permitted', path, `cannot remove ${path}: it is a granted directory itself`);
    removeAt(dir, relative, Boolean(options.recursive));
  });
}

function removeAt(dir: Descriptor, relative: string, recursive: boolean): void {
  if (dir.statAt(NO_FOLLOW, relative).type !== 'directory') return dir.unlinkFileAt(relative);
  if (recursive) {
    const names = withOpen(dir.openAt(NO_FOLLOW, relative, { directory: true }, { read: true }), (directory) => {
      const stream = directory.readDirectory();
      const found: string[] = [];
      for (let entry = stream.readDirectoryEntry(); entry; entry = stream.readDirectoryEntry()) found.push(entry.name);
      drop(stream);
      return found;
    });
    for (const name of names) removeAt(dir, `${relative}/${name}`, true);
  }
  dir.removeDirectoryAt(relative);
}

/** Moves `from` to `to` (both guest paths; an existing file at `to` is replaced). */
export function rename(from: string, to: string): void {
  located(from, 'rename', (source) =>
    located(to, 'rename to', (target) => {
      try {
        source.dir.renameAt(source.relative, target.dir, target.relative);
      } catch (error) {
        // Name the side that is read-only, so the message points at the right mount.
        if (witCode(error) === 'read-only' && source.dir.getFlags().mutateDirectory) fsCall('rename to', to, () => { throw error; }, target.mount);
        fsCall('rename', from, () => { throw error; }, source.mount);
      }
    }),
  );
}
