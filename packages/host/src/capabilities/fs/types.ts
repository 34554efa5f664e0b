/** The filesystem capability's slice of a servlet's context. */

/** One granted directory: a host directory seen by the guest at `guestPath`. */
export interface Mount {
  /** Absolute host path of the directory. */
  hostPath: string;
  /** Absolute guest path, such as `/data`. */
  guestPath: string;
  readOnly: boolean;
}

/** What the filesystem implementation may reach. `backend` is absent where the environment has no files (browsers). */
export interface FsContext {
  readonly mounts: readonly Mount[];
  readonly backend?: FsBackend;
}

/** Synchronous file operations supplied by the adapter (defined by the filesystem capability). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FsBackend {}
