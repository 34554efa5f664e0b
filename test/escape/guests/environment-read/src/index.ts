/**
 * Escape-suite guest: reads the environment variables, the arguments and the working directory
 * through `wasi:cli/environment` (imported only because the test build adds it; the SDK never
 * does), and whatever the JavaScript engine offers as `process.env`. A host that passed its own
 * environment through would leak every secret in it.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { getArguments, getEnvironment, initialCwd } from 'wasi:cli/environment@0.2.12';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'environment',
      description: 'Reports the environment it sees.',
      input: z.object({}),
      run: () => {
        const engine = (globalThis as { process?: { env?: Record<string, string> } }).process?.env;
        return JSON.stringify({ environment: getEnvironment(), arguments: getArguments(), cwd: initialCwd() ?? null, processEnv: engine ?? null });
      },
    }),
  ],
});
