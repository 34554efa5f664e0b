/**
 * Escape-suite guest: allocates without bound and keeps every allocation alive (its manifest asks
 * for 64 MB), so only a cap on the instance's memory stops it.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';

const hoard: Uint8Array[] = [];

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'allocate',
      description: 'Allocates 8 MiB blocks until something stops it.',
      input: z.object({}),
      run: () => {
        for (;;) hoard.push(new Uint8Array(8 << 20).fill(hoard.length & 0xff));
      },
    }),
  ],
});
