/**
 * Host implementation of `wasi:filesystem/types` and `wasi:filesystem/preopens` for one instance.
 * It receives only the filesystem slice. With no mount granted (or no backend in this environment)
 * the guest sees no preopened directory, and so no path at all.
 */
import type { LiveSlice } from '../context.js';
import { Descriptor } from './descriptor.js';
import { DirectoryEntryStream } from './directory-stream.js';
import { filesystemErrorCode } from './file-streams.js';
import { FsAccess } from './fs-access.js';
import type { FsContext } from './types.js';

export { Descriptor, DirectoryEntryStream };

/** The two filesystem interfaces of one instance, keyed by unversioned interface name. */
export function createFilesystem(slice: LiveSlice<FsContext>): Record<'wasi:filesystem/types' | 'wasi:filesystem/preopens', Record<string, unknown>> {
  const access = new FsAccess(slice);
  return {
    'wasi:filesystem/types': { Descriptor, DirectoryEntryStream, filesystemErrorCode },
    'wasi:filesystem/preopens': {
      /** The mounts granted now; asked again by the guest whenever it likes, so a new grant shows at once. */
      getDirectories: (): [Descriptor, string][] => access.mounts().map((mount) => [Descriptor.preopen(access, mount), mount.guestPath]),
    },
  };
}
