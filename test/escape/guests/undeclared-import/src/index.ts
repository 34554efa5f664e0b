/**
 * Escape-suite guest: reads the host's files through `wasi:filesystem` while its manifest requests
 * no mount (the test build adds the import). The manifest is what the person consented to, so the
 * host must refuse a component whose code imports more than it declares.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({ name: 'mounts', description: 'Lists its preopens.', input: z.object({}), run: () => JSON.stringify(getDirectories().map(([, path]) => path)) }),
  ],
});
