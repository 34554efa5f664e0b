// Native baselines the bench needs that no published server provides, built on the official SDK v2
// (`@modelcontextprotocol/server`) as any native server would be. Plain JavaScript, run by the
// Node binary directly (no TypeScript loader), like server-everything.
//
//   node bench/native/servers.mjs eval-stdio   an `evaluate` tool (JavaScript evaluated in process, node:vm) over stdio
//   node bench/native/servers.mjs echo-http    an `echo` tool over Streamable HTTP, both eras, on 127.0.0.1
//                                              (a free port, printed as "listening on http://…/mcp")
/* global Headers, Request */
import { Buffer } from 'node:buffer';
import { createServer } from 'node:http';
import { runInNewContext } from 'node:vm';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import * as z from 'zod';

function evalServer() {
  const server = new McpServer({ name: 'native-eval', version: '1.0.0' });
  server.registerTool(
    'evaluate',
    { description: 'Evaluates JavaScript in a fresh context and returns the value of its last expression', inputSchema: z.object({ code: z.string() }) },
    async ({ code }) => ({ content: [{ type: 'text', text: String(runInNewContext(code, {}, { timeout: 10_000 })) }] }),
  );
  return server;
}

function echoServer() {
  const server = new McpServer({ name: 'native-echo', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes back the input string', inputSchema: z.object({ message: z.string() }) }, async ({ message }) => ({
    content: [{ type: 'text', text: `Echo: ${message}` }],
  }));
  return server;
}

/** node:http in front of the SDK's web-standard handler (what `toNodeHandler` of @modelcontextprotocol/node does). */
async function serveHttp() {
  const handler = createMcpHandler(() => echoServer());
  const http = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const response = await handler.fetch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body }));
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body) for await (const chunk of response.body) res.write(chunk);
    res.end();
  });
  http.listen(0, '127.0.0.1', () => process.stderr.write(`listening on http://127.0.0.1:${http.address().port}/mcp\n`));
}

const mode = process.argv[2];
if (mode === 'eval-stdio') await evalServer().connect(new StdioServerTransport());
else if (mode === 'echo-http') await serveHttp();
else throw new Error('usage: servers.mjs eval-stdio | echo-http');
