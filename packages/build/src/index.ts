/** @mcp-wasm/build: builds TypeScript servlets into MCP-WASM components. */
export { buildServlet, BuildError, type BuildOptions, type BuildResult } from './build-servlet.js';
export { WIT_DIR } from './wit-world.js';
