/**
 * Escape-suite guest: opens a raw TCP socket through `wasi:sockets` (imported only because the
 * test build adds it). Raw sockets are never grantable, so the host must refuse the component
 * before it runs at all.
 */
import { defineServlet, tool, z } from '@mcp-wasm/sdk';
import { createTcpSocket } from 'wasi:sockets/tcp-create-socket@0.2.12';

export default defineServlet({
  tools: [
    tool({ name: 'ping', description: 'Answers pong.', input: z.object({}), run: () => 'pong' }),
    tool({ name: 'connect', description: 'Opens a TCP socket.', input: z.object({}), run: () => String(createTcpSocket('ipv4')) }),
  ],
});
