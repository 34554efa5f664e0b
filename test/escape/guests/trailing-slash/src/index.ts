/**
 * Escape-suite guest for trailing slashes (the class of RUSTSEC-2026-0269): a path such as
 * `file/` names a directory, so for a regular file every operation must fail with
 * `not-directory`; a host that drops the slash acts on the file as if it were a directory (or, in
 * a kernel call, follows a final symbolic link it was told not to). `probe` runs every operation
 * of `wasi:filesystem` that takes a path on `path`, raw, and reports each outcome.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, readTextFile } from '@mcp-wasm/sdk/fs';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

const NO_FOLLOW = { symlinkFollow: false };

/** Methods of `descriptor` the SDK's declarations leave out. */
interface MoreMethods {
  metadataHashAt(pathFlags: typeof NO_FOLLOW, path: string): unknown;
  setTimesAt(pathFlags: typeof NO_FOLLOW, path: string, accessed: { tag: 'now' }, modified: { tag: 'now' }): void;
}

function data() {
  const found = getDirectories().find(([, mount]) => mount === '/data')?.[0];
  if (!found) throw new Error('no /data preopen');
  return found as typeof found & MoreMethods;
}

function outcome(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return String((error as { payload?: unknown }).payload ?? error);
  }
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'probe',
      description: 'Runs every path operation on `path` (below /data) and reports each outcome; `to` is a free name for renames.',
      input: z.object({ path: z.string(), to: z.string() }),
      run: ({ path, to }) => {
        const dir = data();
        const bare = path.replace(/\/+\.?$/, '');
        const results: Record<string, string> = {
          'open-at read': outcome(() => dir.openAt(NO_FOLLOW, path, {}, { read: true })),
          'open-at write': outcome(() => dir.openAt(NO_FOLLOW, path, {}, { write: true })),
          'open-at truncate': outcome(() => dir.openAt(NO_FOLLOW, path, { truncate: true }, { write: true })),
          'open-at create': outcome(() => dir.openAt(NO_FOLLOW, path, { create: true }, { write: true })),
          'open-at directory': outcome(() => dir.openAt(NO_FOLLOW, path, { directory: true }, { read: true })),
          'stat-at': outcome(() => dir.statAt(NO_FOLLOW, path)),
          'stat-at following': outcome(() => dir.statAt({ symlinkFollow: true }, path)),
          'metadata-hash-at': outcome(() => dir.metadataHashAt(NO_FOLLOW, path)),
          'set-times-at': outcome(() => dir.setTimesAt(NO_FOLLOW, path, { tag: 'now' }, { tag: 'now' })),
          'unlink-file-at': outcome(() => dir.unlinkFileAt(path)),
          'remove-directory-at': outcome(() => dir.removeDirectoryAt(path)),
          'create-directory-at': outcome(() => dir.createDirectoryAt(path)),
          'rename-at from': outcome(() => dir.renameAt(path, dir, to)),
          'rename-at to': outcome(() => dir.renameAt(bare, dir, `${to}/`)),
        };
        try {
          results.sdk = `read ${readTextFile(`/data/${path}`)}`;
        } catch (error) {
          results.sdk = error instanceof FsError ? error.code : String(error);
        }
        return JSON.stringify(results);
      },
    }),
  ],
});
