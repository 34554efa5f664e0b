/**
 * Escape-suite guest for a time-of-check/time-of-use race: reads the same path many times while
 * the host keeps swapping a directory for a symbolic link to outside. It reports every distinct
 * content and error it met, so the test can show that outside content never came through.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, readTextFile } from '@mcp-wasm/sdk/fs';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

function rawRead(path: string): string {
  const data = getDirectories().find(([, mount]) => mount === '/data')?.[0];
  if (!data) return 'no /data preopen';
  const file = data.openAt({ symlinkFollow: true }, path, {}, { read: true });
  return new TextDecoder().decode(file.read(65536n, 0n)[0]);
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'read_many',
      description: 'Reads `path` (below /data) `times` times, raw and through the SDK; reports what it saw.',
      input: z.object({ path: z.string(), times: z.number().int() }),
      run: ({ path, times }) => {
        const seen = new Map<string, number>();
        const note = (what: string) => seen.set(what, (seen.get(what) ?? 0) + 1);
        for (let i = 0; i < times; i++) {
          try {
            note(`content: ${rawRead(path)}`);
          } catch (error) {
            note(`raw error: ${String((error as { payload?: unknown }).payload ?? error)}`);
          }
          try {
            note(`content: ${readTextFile(`/data/${path}`)}`);
          } catch (error) {
            note(`sdk error: ${error instanceof FsError ? error.code : String(error)}`);
          }
        }
        return JSON.stringify(Object.fromEntries(seen));
      },
    }),
  ],
});
