/**
 * @mcp-wasm/sdk: write mcp-wasm servlets in TypeScript.
 *
 * ```ts
 * import { defineServlet, tool, z } from '@mcp-wasm/sdk';
 * export default defineServlet({
 *   tools: [tool({ name: 'greet', description: 'Greets someone', input: z.object({ name: z.string() }), run: ({ name }) => `Hello, ${name}!` })],
 * });
 * ```
 * Build it into a component with `mcp-wasm build`.
 */
export { z } from 'zod';
export * from './content.js';
export * from './define.js';
export { log, progress } from './host.js';
