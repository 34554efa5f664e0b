/**
 * Escape-suite guest, installed twice under different names: one copy stores a note, the other
 * looks for it by key and under bucket names that try to reach the first copy's namespace.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import * as storage from '@mcp-wasm/sdk/storage';

function report(body: () => unknown): string {
  try {
    return JSON.stringify({ ok: body() ?? null });
  } catch (error) {
    const { code, message } = error as { code?: string; message?: string };
    return JSON.stringify({ error: { code, message } });
  }
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'store',
      description: 'Stores a note.',
      input: z.object({ key: z.string(), value: z.string() }),
      run: ({ key, value }) => report(() => storage.set(key, value)),
    }),
    tool({
      name: 'snoop',
      description: 'Looks for a key in a bucket, and lists the bucket.',
      input: z.object({ key: z.string(), bucket: z.string().optional() }),
      run: ({ key, bucket }) => report(() => ({ value: storage.getText(key, bucket) ?? null, keys: storage.keys(bucket) })),
    }),
  ],
});
