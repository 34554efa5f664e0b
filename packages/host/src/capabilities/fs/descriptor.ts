/**
 * The `descriptor` resource of `wasi:filesystem/types`. A descriptor is a mount and names below
 * its root, never a host handle: every method checks the live grants, then asks the backend to
 * walk there afresh. So a revoke or a narrowing applies to descriptors the guest kept, and a
 * symlink swapped in after a check is met (and refused) by the next walk instead of followed.
 */
import { DirectoryEntryStream } from './directory-stream.js';
import { FileInputStream, FileOutputStream } from './file-streams.js';
import { endsInDot, guestPathOf } from './path-check.js';
import type { FsAccess, MountRef, Reach } from './fs-access.js';
import type { FsErrorCode, FsStat, FsTimeChange } from './types.js';
import { metadataHash, toDescriptorStat, type DescriptorFlags, type DescriptorStat, type MetadataHashValue, type OpenFlags, type PathFlags } from './wit-values.js';

/** Most bytes one `read` call answers; a guest asking for more gets less and reads again. */
const MAX_READ = 1024 * 1024;

/** What a descriptor is: where, which kind, opened for what. */
interface DescriptorState {
  readonly access: FsAccess;
  readonly mount: MountRef;
  readonly names: readonly string[];
  readonly kind: 'directory' | 'regular-file';
  readonly read: boolean;
  readonly write: boolean;
}

/** The `descriptor` resource. Guests cannot construct one: they get preopens and what `open-at` answers. */
export class Descriptor {
  readonly #state: DescriptorState;

  constructor(state: DescriptorState) {
    this.#state = state;
  }

  /** The descriptor of a mount's root directory. */
  static preopen(access: FsAccess, mount: MountRef): Descriptor {
    return new Descriptor({ access, mount: { guestPath: mount.guestPath, hostPath: mount.hostPath }, names: [], kind: 'directory', read: true, write: false });
  }

  readViaStream(offset: bigint): FileInputStream {
    this.#file('read');
    return new FileInputStream((at, length) => this.#readAt(at, length), offset);
  }

  writeViaStream(offset: bigint): FileOutputStream {
    this.#file('write');
    return new FileOutputStream((at, bytes) => this.#writeAt(at, bytes), offset);
  }

  appendViaStream(): FileOutputStream {
    this.#file('write');
    return new FileOutputStream((at, bytes) => this.#writeAt(at, bytes), 'append');
  }

  advise(): void {
    this.#reach('advise', false);
  }

  syncData(): void {
    this.#sync(true);
  }

  sync(): void {
    this.#sync(false);
  }

  getFlags(): DescriptorFlags {
    const { mount } = this.#reach('get flags of', false);
    const { kind, read, write } = this.#state;
    return { read, write, mutateDirectory: kind === 'directory' && !mount.readOnly };
  }

  getType(): DescriptorStat['type'] {
    this.#reach('get type of', false);
    return this.#state.kind;
  }

  setSize(size: bigint): void {
    this.#file('write');
    const reach = this.#reach('set size of', true);
    this.#state.access.run('set size of', reach.guestPath, () => reach.backend.setSize(reach.at, size));
  }

  setTimes(accessed: FsTimeChange, modified: FsTimeChange): void {
    const reach = this.#reach('set times of', true);
    this.#state.access.run('set times of', reach.guestPath, () => reach.backend.setTimes(reach.at, accessed, modified));
  }

  read(length: bigint, offset: bigint): [Uint8Array, boolean] {
    this.#file('read');
    const wanted = length > BigInt(MAX_READ) ? MAX_READ : Number(length);
    const bytes = this.#readAt(offset, wanted);
    return [bytes, bytes.length < wanted];
  }

  write(buffer: Uint8Array, offset: bigint): bigint {
    this.#file('write');
    return BigInt(this.#writeAt(offset, buffer));
  }

  readDirectory(): DirectoryEntryStream {
    this.#directory();
    const reach = this.#reach('list', false);
    const entries = this.#state.access.run('list', reach.guestPath, () => reach.backend.readDirectory(reach.at));
    return new DirectoryEntryStream(entries, () => void this.#reach('list', false));
  }

  createDirectoryAt(path: string): void {
    this.#directory();
    // Looked at first, so `file/.` fails as POSIX says (not-directory) before `.` is refused.
    const reach = this.#reachAt(path, 'create directory', true);
    if (endsInDot(path)) throw 'exist' satisfies FsErrorCode;
    this.#state.access.run('create directory', reach.guestPath, () => reach.backend.createDirectory(reach.at));
  }

  stat(): DescriptorStat {
    return toDescriptorStat(this.#statSelf());
  }

  statAt(pathFlags: PathFlags, path: string): DescriptorStat {
    return toDescriptorStat(this.#statAt(pathFlags, path, 'stat'));
  }

  setTimesAt(_pathFlags: PathFlags, path: string, accessed: FsTimeChange, modified: FsTimeChange): void {
    this.#directory();
    // The backend never follows a symlink, so `symlink-follow` only changes which refusal is met.
    const reach = this.#reachAt(path, 'set times of', true);
    this.#state.access.run('set times of', reach.guestPath, () => reach.backend.setTimes(reach.at, accessed, modified));
  }

  linkAt(_oldPathFlags: PathFlags, oldPath: string, _newDescriptor: Descriptor, newPath: string): never {
    // A hard link to a file could carry it past a read-only mount or out of a later revoke: never.
    this.#state.access.refuse('not-permitted', `create hard link ${JSON.stringify(newPath)} to ${JSON.stringify(oldPath)} in ${this.#guestPath()}: servlets may not create hard links`);
  }

  openAt(pathFlags: PathFlags, path: string, openFlags: OpenFlags, flags: DescriptorFlags): Descriptor {
    this.#directory();
    const mutating = Boolean(openFlags.create || openFlags.truncate || flags.write || flags.mutateDirectory);
    const reach = this.#reachAt(path, 'open', mutating);
    void pathFlags; // never followed either way: the backend refuses any symlink it meets
    // `new/` with `create` would make a regular file of a name written as a directory (POSIX: EISDIR).
    if (reach.mustBeDirectory && openFlags.create) throw 'is-directory' satisfies FsErrorCode;
    const stat = this.#state.access.run('open', reach.guestPath, () =>
      reach.backend.open(reach.at, {
        create: Boolean(openFlags.create),
        exclusive: Boolean(openFlags.exclusive),
        truncate: Boolean(openFlags.truncate),
        directory: Boolean(openFlags.directory) || reach.mustBeDirectory,
      }),
    );
    if (stat.kind !== 'directory' && stat.kind !== 'regular-file') {
      this.#state.access.refuse('not-permitted', `open ${reach.guestPath}: it is not a regular file or a directory`);
    }
    if (stat.kind === 'directory' && flags.write) throw 'is-directory' satisfies FsErrorCode;
    const { access, mount } = this.#state;
    return new Descriptor({ access, mount, names: reach.at.path, kind: stat.kind, read: Boolean(flags.read), write: Boolean(flags.write) });
  }

  readlinkAt(path: string): never {
    this.#state.access.refuse('not-permitted', `read symbolic link ${JSON.stringify(path)} in ${this.#guestPath()}: servlets may not use symbolic links`);
  }

  removeDirectoryAt(path: string): void {
    this.#directory();
    // `rmdir link/` acts on the link itself, which is no directory (as POSIX, and as WASI p1 here).
    const reach = this.#reachAt(path, 'remove directory', true, { linkIsNotDirectory: true });
    if (endsInDot(path)) throw 'invalid' satisfies FsErrorCode;
    this.#state.access.run('remove directory', reach.guestPath, () => reach.backend.removeDirectory(reach.at));
  }

  renameAt(oldPath: string, newDescriptor: Descriptor, newPath: string): void {
    this.#directory();
    if (!(newDescriptor instanceof Descriptor) || newDescriptor.#state.access !== this.#state.access) throw 'bad-descriptor' satisfies FsErrorCode;
    newDescriptor.#directory();
    const from = this.#reachAt(oldPath, 'rename', true);
    const to = newDescriptor.#reachAt(newPath, 'rename to', true);
    if (endsInDot(oldPath) || endsInDot(newPath)) throw 'invalid' satisfies FsErrorCode;
    // `file` renamed to `new/`: the destination is written as a directory, so the source must be one.
    if (to.mustBeDirectory && !from.mustBeDirectory) {
      const source = this.#state.access.run('rename', from.guestPath, () => from.backend.stat(from.at));
      if (source.kind !== 'directory') throw 'not-directory' satisfies FsErrorCode;
    }
    this.#state.access.run('rename', `${from.guestPath} to ${to.guestPath}`, () => from.backend.rename(from.at, to.at));
  }

  symlinkAt(oldPath: string, newPath: string): never {
    this.#state.access.refuse(
      'not-permitted',
      `create symbolic link ${JSON.stringify(newPath)} to ${JSON.stringify(oldPath)} in ${this.#guestPath()}: servlets may not create symbolic links`,
    );
  }

  unlinkFileAt(path: string): void {
    this.#directory();
    const reach = this.#reachAt(path, 'remove file', true);
    if (endsInDot(path)) throw 'is-directory' satisfies FsErrorCode;
    this.#state.access.run('remove file', reach.guestPath, () => reach.backend.unlinkFile(reach.at));
  }

  isSameObject(other: Descriptor): boolean {
    if (!(other instanceof Descriptor)) return false;
    try {
      const mine = this.#statSelf();
      const theirs = other.#statSelf();
      return mine.device === theirs.device && mine.inode === theirs.inode;
    } catch {
      return false; // a refusal was reported already; `bool` has no way to say more
    }
  }

  metadataHash(): MetadataHashValue {
    return metadataHash(this.#statSelf());
  }

  metadataHashAt(pathFlags: PathFlags, path: string): MetadataHashValue {
    return metadataHash(this.#statAt(pathFlags, path, 'hash'));
  }

  #guestPath(): string {
    return guestPathOf(this.#state.mount.guestPath, this.#state.names);
  }

  #reach(what: string, mutating: boolean): Reach {
    return this.#state.access.reach(this.#state.mount, this.#state.names, what, mutating);
  }

  /** Checks `path` and reaches it; one written as a directory (`name/`) must be one if it exists (`file/` is not-directory). */
  #reachAt(path: string, what: string, mutating: boolean, options: { linkIsNotDirectory?: boolean } = {}): Reach {
    const reach = this.#state.access.reachAt(this.#state.mount, this.#state.names, path, what, mutating);
    if (reach.mustBeDirectory) this.#state.access.expectDirectory(reach, what, options);
    return reach;
  }

  /** Fails unless this is a directory (`*-at` methods and listing). */
  #directory(): void {
    if (this.#state.kind !== 'directory') throw 'not-directory' satisfies FsErrorCode;
  }

  /** Fails unless this is a regular file opened for `mode` (a guest's misuse, not a refusal of a grant). */
  #file(mode: 'read' | 'write'): void {
    if (this.#state.kind !== 'regular-file') throw 'is-directory' satisfies FsErrorCode;
    if (!this.#state[mode]) throw 'bad-descriptor' satisfies FsErrorCode;
  }

  #readAt(offset: bigint, length: number): Uint8Array {
    const reach = this.#reach('read', false);
    return this.#state.access.run('read', reach.guestPath, () => reach.backend.read(reach.at, offset, length));
  }

  #writeAt(offset: bigint | 'append', bytes: Uint8Array): number {
    const reach = this.#reach('write', true);
    return this.#state.access.run('write', reach.guestPath, () => reach.backend.write(reach.at, offset, bytes));
  }

  #sync(dataOnly: boolean): void {
    const reach = this.#reach('sync', false);
    this.#state.access.run('sync', reach.guestPath, () => reach.backend.sync(reach.at, dataOnly));
  }

  #statSelf(): FsStat {
    const reach = this.#reach('stat', false);
    return this.#state.access.run('stat', reach.guestPath, () => reach.backend.stat(reach.at));
  }

  #statAt(pathFlags: PathFlags, path: string, what: string): FsStat {
    this.#directory();
    const reach = this.#reachAt(path, what, false);
    const stat = this.#state.access.run(what, reach.guestPath, () => reach.backend.stat(reach.at));
    if (stat.kind === 'symbolic-link' && pathFlags.symlinkFollow) {
      this.#state.access.refuse('not-permitted', `${what} ${reach.guestPath}: it is a symbolic link, and servlets may never follow symbolic links`);
    }
    return stat;
  }
}
