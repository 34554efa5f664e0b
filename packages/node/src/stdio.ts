/** Serves a gateway over stdio until the client closes stdin or the process is told to stop. */
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import type { Gateway } from '@mcp-wasm/host';

/** Serves `gateway` on this process's stdin and stdout; resolves when the connection ends. */
export function serveGatewayOverStdio(gateway: Gateway): Promise<void> {
  return new Promise((resolve) => {
    const handle = serveStdio(() => {
      const server = gateway.createServer();
      const previous = server.onclose;
      server.onclose = () => {
        previous?.();
        resolve();
      };
      return server;
    });
    const stop = () => {
      void handle.close().finally(resolve);
    };
    process.stdin.once('end', stop);
    process.stdin.once('close', stop);
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
}
