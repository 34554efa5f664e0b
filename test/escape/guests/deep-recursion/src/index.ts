/** Escape-suite guest: recurses without bound, to exhaust the stack. */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';

function descend(depth: number): number {
  return descend(depth + 1) + 1;
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({ name: 'recurse', description: 'Recurses forever.', input: z.object({}), run: () => String(descend(0)) }),
  ],
});
