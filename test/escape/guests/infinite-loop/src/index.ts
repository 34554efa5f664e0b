/** Escape-suite guest: a tool that never returns (its manifest asks for a 2 s deadline). */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';

let _spins = 0; // written in the loop, so the engine cannot drop it as dead code

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'spin',
      description: 'Loops forever.',
      input: z.object({}),
      run: () => {
        for (;;) _spins++;
      },
    }),
  ],
});
