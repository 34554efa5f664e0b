/** Where the guest libraries that ship with this package are: the C header and the AssemblyScript library. */
import { fileURLToPath } from 'node:url';

/** The directory holding `mcp_wasm.h` (passed to clang with -I). */
export const C_PDK_DIR = fileURLToPath(new URL('../pdk/c', import.meta.url));

/** The package path holding `@mcp-wasm/as-pdk` (passed to asc with --path). */
export const AS_PDK_PATH = fileURLToPath(new URL('../pdk/assemblyscript', import.meta.url));

/** AssemblyScript's abort, replaced by the library's (the default imports `env.abort`, which no Extism host has). */
export const AS_ABORT = 'abort=~lib/@mcp-wasm/as-pdk/index/abort';
