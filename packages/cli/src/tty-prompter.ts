/** Asks the person at the terminal. Without a terminal on both stdin and stderr, the refusing prompter is used instead. */
import { createInterface, type Interface } from 'node:readline';
import { refusingPrompter, type Prompter } from '@mcp-wasm/host';

/**
 * A prompter for this process: questions on stderr (stdout may be piped), answers from the
 * terminal. One line reader serves every question and keeps lines typed ahead, so answers typed
 * (or pasted) before their question are not lost. `close` gives the terminal back (the reader
 * would otherwise keep the process alive).
 */
export function terminalPrompter(): Prompter {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return refusingPrompter;
  let reader: Interface | undefined;
  let closed = false;
  const lines: string[] = [];
  const waiting: ((line: string | undefined) => void)[] = [];
  const open = () => {
    if (reader) return reader;
    reader = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    reader.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : lines.push(line)));
    reader.on('close', () => {
      closed = true; // Ctrl-D or close(): every open and later question is refused
      for (const resolve of waiting.splice(0)) resolve(undefined);
    });
    return reader;
  };
  return {
    async ask(question) {
      const input = open();
      input.setPrompt(question);
      input.prompt();
      const queued = lines.shift();
      if (queued !== undefined) {
        process.stderr.write(`${queued}\n`);
        return queued;
      }
      if (closed) return undefined;
      input.resume();
      return new Promise<string | undefined>((resolve) => waiting.push(resolve));
    },
    close() {
      reader?.close();
    },
  };
}

/** Asks one question at the terminal (undefined without one), then gives the terminal back. */
export async function askOnce(question: string): Promise<string | undefined> {
  const prompter = terminalPrompter();
  try {
    return await prompter.ask(question);
  } finally {
    prompter.close?.();
  }
}
