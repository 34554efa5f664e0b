/** @mcp-wasm/node: the Node.js adapter of the mcp-wasm host. */
export { JcoCompiler, type CacheOutcome } from './jco-compiler.js';
export { resolveHome, type HomePaths } from './home.js';
export { readState, writeState, type HomeState, type InstalledServlet } from './state.js';
export { writeFileAtomic } from './atomic-write.js';
export { NodeHost, SERVLET_NAME, servletNameFromFile } from './node-host.js';
export { serveGatewayOverStdio } from './stdio.js';
