/**
 * Escape-suite guest: makes a hard link in its read-write mount, to a file of the mount (a guest
 * has no descriptor for anything outside, so a link inside is the whole attack surface: with
 * links, a later move of the mount's files could expose one inode at two places).
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'link',
      description: 'Hard-links `from` to `to`, both relative to /data.',
      input: z.object({ from: z.string(), to: z.string() }),
      run: ({ from, to }) => {
        const data = getDirectories().find(([, mount]) => mount === '/data')?.[0];
        if (!data) return 'no /data preopen';
        try {
          data.linkAt({ symlinkFollow: false }, from, data, to);
          return 'linked';
        } catch (error) {
          return `refused: ${String((error as { payload?: unknown }).payload ?? error)}`;
        }
      },
    }),
  ],
});
