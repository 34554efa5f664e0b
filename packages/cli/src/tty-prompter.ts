/** Asks the person at the terminal. Without a terminal on both stdin and stderr, the refusing prompter is used instead. */
import { createInterface } from 'node:readline/promises';
import { refusingPrompter, type Prompter } from '@mcp-wasm/host';

/** A prompter for this process: questions on stderr (stdout may be piped), answers from the terminal. */
export function terminalPrompter(): Prompter {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return refusingPrompter;
  return {
    async ask(question) {
      const readline = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await readline.question(question);
      } catch {
        return undefined; // closed (Ctrl-D): a refusal
      } finally {
        readline.close();
      }
    },
  };
}
