/**
 * Escape-suite guest: tries to make a symbolic link in its read-write mount that points outside
 * it, then to read and write through a link (its own, or one the host planted).
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, readTextFile, writeFile } from '@mcp-wasm/sdk/fs';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

function data() {
  const found = getDirectories().find(([, mount]) => mount === '/data')?.[0];
  if (!found) throw new Error('no /data preopen');
  return found;
}

function refusal(error: unknown): string {
  if (error instanceof FsError) return `[${error.code}] ${error.message}`;
  return `refused: ${String((error as { payload?: unknown }).payload ?? error)}`;
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'plant',
      description: 'Creates a symbolic link `name` in /data pointing at `target`.',
      input: z.object({ target: z.string(), name: z.string() }),
      run: ({ target, name }) => {
        try {
          data().symlinkAt(target, name);
          return 'planted';
        } catch (error) {
          return refusal(error);
        }
      },
    }),
    tool({
      name: 'read_through',
      description: 'Reads a file, following links, raw and through the SDK.',
      input: z.object({ name: z.string() }),
      run: ({ name }) => {
        const results: string[] = [];
        try {
          const file = data().openAt({ symlinkFollow: true }, name, {}, { read: true });
          results.push(`raw read: ${new TextDecoder().decode(file.read(65536n, 0n)[0])}`);
        } catch (error) {
          results.push(`raw ${refusal(error)}`);
        }
        try {
          results.push(`sdk read: ${readTextFile(`/data/${name}`)}`);
        } catch (error) {
          results.push(`sdk ${refusal(error)}`);
        }
        return results.join('\n');
      },
    }),
    tool({
      name: 'write_through',
      description: 'Writes a file below a link, through the SDK.',
      input: z.object({ path: z.string(), text: z.string() }),
      run: ({ path, text }) => {
        try {
          writeFile(path, text);
          return 'written';
        } catch (error) {
          return refusal(error);
        }
      },
    }),
    tool({
      name: 'readlink',
      description: 'Reads where a link points.',
      input: z.object({ name: z.string() }),
      run: ({ name }) => {
        try {
          return `points at ${data().readlinkAt(name)}`;
        } catch (error) {
          return refusal(error);
        }
      },
    }),
  ],
});
