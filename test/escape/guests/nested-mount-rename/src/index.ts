/**
 * Escape-suite guest for the nested-mount rename: with a read-write mount `/outer` whose tree
 * holds the directory of another mount, it renames directories (and a relative symbolic link the
 * person's tree already holds) so that the other mount's path now resolves through that link to
 * a place outside every mount, then reads (and writes) there through the other mount.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, readTextFile, rename, writeFile } from '@mcp-wasm/sdk/fs';

function outcome(run: () => string): string {
  try {
    return run();
  } catch (error) {
    return error instanceof FsError ? `[${error.code}] ${error.message}` : `error ${String(error)}`;
  }
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'shuffle',
      description: 'Renames each [from, to] pair of guest paths in turn; stops at the first failure.',
      input: z.object({ moves: z.array(z.tuple([z.string(), z.string()])) }),
      run: ({ moves }) =>
        outcome(() => {
          for (const [from, to] of moves) rename(from, to);
          return 'moved';
        }),
    }),
    tool({
      name: 'read',
      description: 'Reads a file (a guest path).',
      input: z.object({ path: z.string() }),
      run: ({ path }) => outcome(() => readTextFile(path)),
    }),
    tool({
      name: 'write',
      description: 'Writes a file (a guest path).',
      input: z.object({ path: z.string(), text: z.string() }),
      run: ({ path, text }) =>
        outcome(() => {
          writeFile(path, text);
          return 'written';
        }),
    }),
  ],
});
