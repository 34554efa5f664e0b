/**
 * `directory-entry-stream`: the entries of a directory as listed when `read-directory` was called.
 * The listing is taken at once (the backend keeps no handle); each entry handed out re-checks the
 * live grants first, so a revoke stops the stream too.
 */
import type { FsEntry } from './types.js';

/** A directory entry as WIT carries it. */
export interface DirectoryEntry {
  type: FsEntry['kind'];
  name: string;
}

/** The `directory-entry-stream` resource. */
export class DirectoryEntryStream {
  private next = 0;

  constructor(
    private readonly entries: readonly FsEntry[],
    /** Throws the refusal when the directory is no longer granted. */
    private readonly recheck: () => void,
  ) {}

  /** The next entry, or undefined at the end. */
  readDirectoryEntry(): DirectoryEntry | undefined {
    this.recheck();
    const entry = this.entries[this.next];
    if (!entry) return undefined;
    this.next++;
    return { type: entry.kind, name: entry.name };
  }
}
