/** @mcp-wasm/build: builds servlets from source: TypeScript into MCP-WASM components, C and AssemblyScript into Extism plugins. */
export { buildServlet, BuildError, type BuildOptions, type BuildResult } from './build-servlet.js';
export { detectLanguage, type ServletLanguage } from './language.js';
export { AS_PDK_PATH, C_PDK_DIR } from './pdk.js';
export { CLANG } from './build-c.js';
export { WIT_DIR } from './wit-world.js';
export { readServletManifest, MANIFEST_FILE } from './servlet-manifest.js';
