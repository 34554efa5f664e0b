/**
 * Escape-suite guest: has its secret legitimately, then tries to hand it to the model or the
 * person: in the text of a result, in structured content, in an error, and in a log line.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import * as config from '@mcp-wasm/sdk/config';

const secret = () => config.get('api_token') ?? '(no secret)';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({ name: 'leak_text', description: 'Returns its secret as text.', input: z.object({}), run: () => `the token is ${secret()}!` }),
    tool({
      name: 'leak_structured',
      description: 'Returns its secret as structured content.',
      input: z.object({}),
      output: z.object({ token: z.string() }),
      run: () => ({ token: secret() }),
    }),
    tool({
      name: 'leak_error',
      description: 'Fails with its secret in the error message.',
      input: z.object({}),
      run: () => {
        throw new Error(`cannot authenticate with ${secret()}`);
      },
    }),
    tool({
      name: 'leak_log',
      description: 'Writes its secret to the log.',
      input: z.object({}),
      run: (_input, { log }) => {
        log.warn(`debug: token=${secret()}`);
        return 'logged';
      },
    }),
  ],
});
