/**
 * Escape-suite guest: tries every way of changing a read-only mount — write, create, truncate on
 * open, set-size on a descriptor opened for reading, rename, remove, mkdir — through the SDK and
 * raw wasi:filesystem. Each tool answers the error it met (`[code] message` or `refused: code`).
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, mkdir, readTextFile, remove, rename, writeFile } from '@mcp-wasm/sdk/fs';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

function docs() {
  const found = getDirectories().find(([, mount]) => mount === '/docs')?.[0];
  if (!found) throw new Error('no /docs preopen');
  return found;
}

function attempt(body: () => void): string {
  try {
    body();
    return 'allowed';
  } catch (error) {
    if (error instanceof FsError) return `[${error.code}] ${error.message}`;
    return `refused: ${String((error as { payload?: unknown }).payload ?? error)}`;
  }
}

const path = z.string();

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({ name: 'read', description: 'Reads a file.', input: z.object({ path }), run: ({ path }) => readTextFile(path) }),
    tool({ name: 'write', description: 'Writes a file.', input: z.object({ path, text: z.string() }), run: ({ path, text }) => attempt(() => writeFile(path, text)) }),
    tool({ name: 'rename', description: 'Moves a file.', input: z.object({ from: path, to: path }), run: ({ from, to }) => attempt(() => rename(from, to)) }),
    tool({ name: 'remove', description: 'Removes a file.', input: z.object({ path }), run: ({ path }) => attempt(() => remove(path)) }),
    tool({ name: 'mkdir', description: 'Creates a directory.', input: z.object({ path }), run: ({ path }) => attempt(() => mkdir(path)) }),
    tool({
      name: 'truncate_on_open',
      description: 'Opens a file of /docs with the truncate flag (raw).',
      input: z.object({ name: z.string() }),
      run: ({ name }) => attempt(() => docs().openAt({}, name, { truncate: true }, { read: true })),
    }),
    tool({
      name: 'set_size',
      description: 'Opens a file of /docs for reading, then sets its size to 0 (raw).',
      input: z.object({ name: z.string() }),
      run: ({ name }) =>
        attempt(() => {
          const file = docs().openAt({}, name, {}, { read: true }) as unknown as { setSize(size: bigint): void };
          file.setSize(0n);
        }),
    }),
    tool({
      name: 'raw_write',
      description: 'Opens a file of /docs for writing (raw) and writes to it.',
      input: z.object({ name: z.string() }),
      run: ({ name }) => attempt(() => docs().openAt({}, name, {}, { write: true }).write(new TextEncoder().encode('defaced'), 0n)),
    }),
  ],
});
