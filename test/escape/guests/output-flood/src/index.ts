/** Escape-suite guest: returns a result far above its 64 KiB limit (8 MiB of text). */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({ name: 'flood', description: 'Returns 8 MiB of text.', input: z.object({}), run: () => 'x'.repeat(8 << 20) }),
  ],
});
