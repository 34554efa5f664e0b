// @mcp-wasm/as-pdk: write mcp-wasm servlets in AssemblyScript. A servlet is an Extism plugin: it
// exports the servlet interface (hyper-mcp v2: list_tools, call_tool, ...; or mcp.run's describe,
// call), each a function `(): i32` that reads JSON input and sets JSON output. `mcp-wasm build`
// compiles assembly/index.ts with this library on the package path.
import { setError } from "./host";

export * from "./host";
export * from "./json";
export * from "./http";
export * from "./files";

/**
 * AssemblyScript's abort (failed assertion, out-of-bounds access), wired by `mcp-wasm build` in
 * place of the default, which would import `env.abort` from a host that has none. It fails the
 * call with the message and stops the instance.
 */
export function abort(message: string | null, fileName: string | null, line: u32, column: u32): void {
  setError("abort: " + (message === null ? "" : message) + " at " + (fileName === null ? "?" : fileName) + ":" + line.toString() + ":" + column.toString());
  unreachable();
}
