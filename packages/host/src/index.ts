/**
 * @mcp-wasm/host: the runtime-neutral core of mcp-wasm. It imports no Node module and uses no
 * Node global, so it runs in Node, Deno, Bun and browsers; runtime-specific parts (compiling
 * components, files, stdio) come from an adapter such as @mcp-wasm/node.
 */
export { HostError, type HostErrorCode } from './errors.js';
export { readComponentInfo, type ComponentInfo } from './component/binary.js';
export { sha256Hex, type CompiledComponent, type ComponentCompiler, type ComponentExports } from './component/compiler.js';
export { checkImports, linkImports, parseImportName, type ImportObject, type InstanceSinks } from './component/linker.js';
export { checkComponent, loadServlet, type LoadServletOptions } from './servlet/load.js';
export { Servlet, ServletError, ServletTrap, type ProgressListener, type ServletExports } from './servlet/servlet.js';
export { Gateway, type GatewayOptions } from './gateway/gateway.js';
export { Catalog, type CatalogEntry } from './gateway/catalog.js';
export { qualifiedName, NameTable, TOOL_NAME_PATTERN, type NameCollision } from './gateway/naming.js';
export { LOG_LEVELS, type LogLevel, type LogSink } from './wasi/log-sink.js';
export { CapabilityDenied } from './wasi/not-granted.js';
export { GuestExit } from './wasi/cli.js';
