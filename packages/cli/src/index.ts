/** The mcp-wasm CLI as a library: `main(argv)` runs it. */
export { main } from './main.js';
export { clientConfigs, httpClientConfigs, BIN } from './client-config.js';
export { catalogEntry, catalogPath, readCatalog, writeCatalog, type Catalog, type CatalogEntry } from './catalog.js';
