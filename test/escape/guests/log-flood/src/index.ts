/** Escape-suite guest: writes 20,000 log lines in one call, to drown the client and the audit log. */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'flood',
      description: 'Writes 20,000 log lines.',
      input: z.object({}),
      run: (_input, { log }) => {
        for (let i = 0; i < 20_000; i++) log.info(`flood line ${i}`);
        return 'flooded';
      },
    }),
  ],
});
