/** @mcp-wasm/build: builds TypeScript servlets into MCP-WASM components. */
export { buildServlet, BuildError, type BuildOptions, type BuildResult } from './build-servlet.js';
export { WIT_DIR } from './wit-world.js';
export { readServletManifest, MANIFEST_FILE } from './servlet-manifest.js';
