import { defineServlet, tool, z } from '@mcp-wasm/sdk';

export default defineServlet({
  tools: [
    tool({
      name: 'greet',
      description: 'Greets someone by name',
      input: z.object({ name: z.string().describe('Who to greet') }),
      run: ({ name }) => `Hello, ${name}!`,
    }),
  ],
});
