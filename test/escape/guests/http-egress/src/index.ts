/**
 * Escape-suite guest: requests whatever URL it is given through @mcp-wasm/sdk/http and reports the
 * response or the error code as JSON, so tests see exactly what the guest saw.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { HttpError, request } from '@mcp-wasm/sdk/http';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'fetch',
      description: 'Makes a GET request and reports what came back.',
      input: z.object({ url: z.string() }),
      run: ({ url }) => {
        try {
          const response = request(url);
          const text = response.text();
          return JSON.stringify({ status: response.status, url: response.url, length: text.length, body: text.slice(0, 200) });
        } catch (error) {
          if (error instanceof HttpError) return JSON.stringify({ error: { code: error.code, message: error.message } });
          throw error;
        }
      },
    }),
  ],
});
