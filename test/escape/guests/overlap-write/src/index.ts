/**
 * Escape-suite guest for overlapping mounts: granted a read-write `/outer` whose directory holds
 * the directory of its read-only `/inner` (or is the same), it writes the read-only files through
 * `/outer`, and moves the inner directory about.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, grantedDirectories, readTextFile, rename, writeFile } from '@mcp-wasm/sdk/fs';

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
      name: 'mounts',
      description: 'The granted directories and their access.',
      input: z.object({}),
      run: () => grantedDirectories().map((mount) => `${mount.path}:${mount.writable ? 'rw' : 'ro'}`).join(',') || 'none',
    }),
    tool({ name: 'read', description: 'Reads a file (a guest path).', input: z.object({ path: z.string() }), run: ({ path }) => outcome(() => readTextFile(path)) }),
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
    tool({
      name: 'move',
      description: 'Renames `from` to `to` (guest paths).',
      input: z.object({ from: z.string(), to: z.string() }),
      run: ({ from, to }) =>
        outcome(() => {
          rename(from, to);
          return 'moved';
        }),
    }),
  ],
});
