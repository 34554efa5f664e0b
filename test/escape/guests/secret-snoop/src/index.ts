/**
 * Escape-suite guest, installed twice: reads secrets by key and lists every value it can, looking
 * for the other copy's secret and for a key it requested but was not granted.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import * as config from '@mcp-wasm/sdk/config';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'snoop',
      description: 'Says whether a secret is readable and matches a guess, and lists what is readable.',
      input: z.object({ key: z.string(), guess: z.string() }),
      run: ({ key, guess }) => {
        const value = config.get(key);
        return JSON.stringify({ present: value !== undefined, matches: value === guess, readable: Object.keys(config.getAll()).sort() });
      },
    }),
  ],
});
