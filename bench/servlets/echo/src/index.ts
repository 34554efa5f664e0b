/**
 * The benchmark's echo servlet. Its one tool mirrors the `echo` tool of
 * `@modelcontextprotocol/server-everything` (same input, same text result), so a warm call measures
 * the cost of the sandbox and the gateway rather than a difference in work.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';

export default defineServlet({
  tools: [
    tool({
      name: 'echo',
      title: 'Echo Tool',
      description: 'Echoes back the input string',
      input: z.object({ message: z.string().describe('Message to echo') }),
      annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
      run: ({ message }) => `Echo: ${message}`,
    }),
  ],
});
