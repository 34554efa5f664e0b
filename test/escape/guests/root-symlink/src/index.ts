/**
 * Escape-suite guest for a re-pointed mount root: it reads and writes below its mount while the
 * host makes the mount root's path lead elsewhere (the root given as a symbolic link, a parent
 * directory swapped for a link to a twin tree outside, the directory replaced by another).
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, readDir, readTextFile, writeFile } from '@mcp-wasm/sdk/fs';

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
    tool({ name: 'read', description: 'Reads a file (a guest path).', input: z.object({ path: z.string() }), run: ({ path }) => outcome(() => readTextFile(path)) }),
    tool({
      name: 'list',
      description: 'Lists a directory (a guest path).',
      input: z.object({ path: z.string() }),
      run: ({ path }) => outcome(() => readDir(path).map((entry) => entry.name).sort().join(',')),
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
