/**
 * Escape-suite guest: reads a path it is given, once through @mcp-wasm/sdk/fs (which resolves the
 * path against the mounts) and once raw, handing the path straight to `open-at` on the /data
 * preopen, where the host alone must refuse `..`, absolute paths and special files.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { FsError, readTextFile } from '@mcp-wasm/sdk/fs';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

/** What the raw attempt got: the file's text, or the host's error code. */
function rawRead(path: string): string {
  const data = getDirectories().find(([, mount]) => mount === '/data')?.[0];
  if (!data) return 'no /data preopen';
  try {
    const file = data.openAt({ symlinkFollow: true }, path, {}, { read: true });
    const [bytes] = file.read(65536n, 0n);
    return `read: ${new TextDecoder().decode(bytes)}`;
  } catch (error) {
    return `refused: ${String((error as { payload?: unknown }).payload ?? error)}`;
  }
}

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({
      name: 'read',
      description: 'Reads a text file through the SDK.',
      input: z.object({ path: z.string() }),
      run: ({ path }) => {
        try {
          return readTextFile(path);
        } catch (error) {
          if (error instanceof FsError) throw new Error(`[${error.code}] ${error.message}`);
          throw error;
        }
      },
    }),
    tool({
      name: 'raw_read',
      description: 'Opens a path relative to the /data preopen with wasi:filesystem directly.',
      input: z.object({ path: z.string() }),
      run: ({ path }) => rawRead(path),
    }),
    tool({
      name: 'mounts',
      description: 'Lists the preopened directories it was given.',
      input: z.object({}),
      run: () => JSON.stringify(getDirectories().map(([, mount]) => mount)),
    }),
  ],
});
