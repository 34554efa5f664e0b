/**
 * The checks every filesystem operation passes before any I/O, against the grants of the call in
 * progress (read live, so a revoke or a narrowing applies at once, even to a descriptor the guest
 * kept from an earlier call), and the one place refusals are reported and failures are mapped to
 * the WASI error codes a guest sees.
 */
import type { LiveSlice } from '../context.js';
import { guestPathOf, resolveRelative } from './path-check.js';
import { FsBackendError, type FsBackend, type FsErrorCode, type FsContext, type FsLocation, type Mount } from './types.js';

/** The mount a descriptor was opened under: its guest path and host directory at that time. */
export interface MountRef {
  readonly guestPath: string;
  readonly hostPath: string;
}

/** What a checked operation may use: the backend and the location, as granted now. */
export interface Reach {
  backend: FsBackend;
  mount: Mount;
  at: FsLocation;
  /** The guest path of `at`, for messages. */
  guestPath: string;
  /** The guest's path ended in `/` after a name: it names a directory (checked to be one if it exists). */
  mustBeDirectory: boolean;
}

/** Why the backend's own refusals were refused, in plain words for the audit log. */
const REFUSAL_REASONS = {
  symlink: 'a symbolic link is on the way, and servlets may never follow symbolic links',
  'special-file': 'it is not a regular file or a directory (a FIFO, socket or device), which servlets may not open',
  'root-replaced':
    'the granted directory is no longer at its path (it was moved or replaced since it was granted), and a mount is never re-pointed: the person may grant the directory again',
} as const;

/** The filesystem checks of one instance, bound to its live slice. */
export class FsAccess {
  constructor(private readonly slice: LiveSlice<FsContext>) {}

  /** The mounts granted now, each with a backend to reach it (none where the environment has no files). */
  mounts(): readonly Mount[] {
    const context = this.slice.current();
    return context.backend ? context.mounts : [];
  }

  /** Reports a refusal for the audit log and fails with `code`, the value the guest sees. */
  refuse(code: FsErrorCode, detail: string): never {
    this.slice.deny(detail);
    throw code;
  }

  /**
   * Checks an operation on `names` below `ref` before any I/O: the mount must still be granted with
   * the same host directory, and a `mutating` operation needs it read-write now.
   */
  reach(ref: MountRef, names: readonly string[], what: string, mutating: boolean): Reach {
    const guestPath = guestPathOf(ref.guestPath, names);
    const context = this.slice.current();
    const mount = context.mounts.find((candidate) => candidate.guestPath === ref.guestPath && candidate.hostPath === ref.hostPath);
    if (!mount) this.refuse('not-permitted', `${what} ${guestPath}: ${ref.guestPath} is no longer granted to this servlet`);
    if (!context.backend) this.refuse('unsupported', `${what} ${guestPath}: this environment has no file system`);
    if (mutating && mount.readOnly) this.refuse('read-only', `${what} ${guestPath}: ${ref.guestPath} was granted read-only`);
    return { backend: context.backend, mount, at: { root: mount.hostPath, identity: mount.identity, path: names }, guestPath, mustBeDirectory: false };
  }

  /**
   * Checks `path` relative to the directory at `base` below `ref`, then `reach`es the result. As
   * POSIX asks, a name a `..` stepped out of must be an existing directory (looked at, never
   * following a symlink, after the grants are checked). A path ending in `/` is reported as
   * `mustBeDirectory`: each interface checks it with `expectDirectory` for its operations, since
   * what a link spelled `link/` means differs between them (`rmdir` acts on the link itself).
   */
  reachAt(ref: MountRef, base: readonly string[], path: string, what: string, mutating: boolean): Reach {
    // The mount is checked first, so a revoked mount is reported as such whatever the path.
    this.reach(ref, base, what, false);
    const checked = resolveRelative(base, path);
    if (!checked.ok) {
      const detail = `${what} ${JSON.stringify(path)} in ${guestPathOf(ref.guestPath, base)}: ${checked.reason}`;
      if (checked.denied) this.refuse(checked.code, detail);
      throw checked.code;
    }
    const reach = this.reach(ref, checked.names, what, mutating);
    for (const names of checked.leftDirectories ?? []) this.expectDirectory(this.reach(ref, names, what, false), what, { mustExist: true });
    return { ...reach, mustBeDirectory: checked.mustBeDirectory === true };
  }

  /**
   * Fails with `not-directory` unless the object at `reach` is a directory, or is missing and
   * `mustExist` is not set. A symlink there is refused (POSIX would follow it, servlets never do),
   * or with `linkIsNotDirectory` answered `not-directory` (for calls that act on the link itself).
   */
  expectDirectory(reach: Reach, what: string, options: { mustExist?: boolean; linkIsNotDirectory?: boolean } = {}): void {
    const { mustExist = false, linkIsNotDirectory = false } = options;
    let kind: string;
    try {
      kind = this.run(what, reach.guestPath, () => reach.backend.stat(reach.at)).kind;
    } catch (error) {
      if (error === 'no-entry' && !mustExist) return;
      throw error;
    }
    if (kind === 'symbolic-link' && !linkIsNotDirectory) this.refuse('not-permitted', `${what} ${reach.guestPath}: ${REFUSAL_REASONS.symlink}`);
    if (kind !== 'directory') throw 'not-directory' satisfies FsErrorCode;
  }

  /**
   * Runs a backend operation for `what` on `guestPath`. Its symlink and special-file refusals are
   * reported; other failures become their WASI code. A bug of the host becomes `io` rather than a
   * trap, so the guest keeps running and sees a failure it can handle.
   */
  run<T>(what: string, guestPath: string, operation: () => T): T {
    try {
      return operation();
    } catch (error) {
      if (error instanceof FsBackendError) {
        if (error.refusal) this.refuse(error.code, `${what} ${guestPath}: ${REFUSAL_REASONS[error.refusal]}`);
        throw error.code;
      }
      if (typeof error === 'string') throw error;
      throw 'io' satisfies FsErrorCode;
    }
  }
}
