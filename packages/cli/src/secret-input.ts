/**
 * Reads a secret value for `mcp-wasm secret set`: from a prompt that does not echo when stdin is a
 * terminal, else from stdin (a pipe or a file). Never from the command line, where it would land in
 * the shell history and be visible to every user through the process list.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { UserError } from './user-error.js';

/** Longest secret value accepted. */
export const MAX_SECRET_BYTES = 64 * 1024;

/** Asks on stderr and reads one line from the terminal without echoing it; undefined when cancelled. */
function promptHidden(question: string): Promise<string | undefined> {
  // readline echoes what is typed to its output; a sink that drops everything keeps the value off the screen.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const readline = createInterface({ input: process.stdin, output: silent, terminal: true });
  // Asked only now that readline has put the terminal in raw mode: a value typed as soon as the
  // question shows must not be echoed by the terminal itself.
  process.stderr.write(question);
  return new Promise((resolve) => {
    let answer: string | undefined;
    readline.on('line', (line) => {
      answer = line;
      readline.close();
    });
    readline.on('SIGINT', () => readline.close());
    readline.on('close', () => {
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function readAll(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > MAX_SECRET_BYTES) throw new UserError(`the secret on stdin is longer than ${MAX_SECRET_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  // One trailing newline is what `echo` and most files add; it is not part of the value.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** The value of secret `key`, from the terminal or stdin; refuses an empty one. */
export async function readSecretValue(key: string): Promise<string> {
  let value: string | undefined;
  if (process.stdin.isTTY) {
    value = await promptHidden(`Value of secret ${key} (not shown): `);
    if (value === undefined) throw new UserError('nothing was set: cancelled');
  } else {
    value = await readAll();
  }
  if (value.length === 0) throw new UserError(`nothing was set: the value of ${key} is empty (type it at the prompt, or pipe it on stdin, e.g. \`printf %s "$TOKEN" | mcp-wasm secret set …\`)`);
  if (Buffer.byteLength(value) > MAX_SECRET_BYTES) throw new UserError(`the value of ${key} is longer than ${MAX_SECRET_BYTES} bytes`);
  return value;
}
