/**
 * The import modules an Extism plugin may use, with the exact names and signatures of real Extism
 * (the kernel and host functions of extism/extism `kernel/src/lib.rs` and `runtime/src/pdk.rs`, as
 * the Go, Rust, JS, C and AssemblyScript PDKs import them), and hyper-mcp's v2 host functions
 * (`extism:host/user`). A plugin whose imports differ is refused before it is compiled: a wrong
 * signature would otherwise fail deep inside a call.
 */

/** The module of the Extism kernel and host functions. */
export const EXTISM_ENV = 'extism:host/env';
/** The module of user host functions (hyper-mcp v2's client features and notifications). */
export const EXTISM_USER = 'extism:host/user';
/** The WASI preview 1 module. */
export { WASI_P1_MODULE as WASI_P1 } from '../wasi-p1/index.js';

/** `extism:host/env`: name → signature (`params->results`, I64 offsets of kernel memory). */
export const ENV_SIGNATURES: Readonly<Record<string, string>> = {
  alloc: 'I64->I64',
  free: 'I64->',
  length: 'I64->I64',
  length_unsafe: 'I64->I64',
  load_u8: 'I64->I32',
  load_u64: 'I64->I64',
  store_u8: 'I64,I32->',
  store_u64: 'I64,I64->',
  input_offset: '->I64',
  input_length: '->I64',
  input_load_u8: 'I64->I32',
  input_load_u64: 'I64->I64',
  output_set: 'I64,I64->',
  error_set: 'I64->',
  error_get: '->I64',
  reset: '->',
  memory_bytes: '->I64',
  config_get: 'I64->I64',
  var_get: 'I64->I64',
  var_set: 'I64,I64->',
  http_request: 'I64,I64->I64',
  http_status_code: '->I32',
  http_headers: '->I64',
  log_trace: 'I64->',
  log_debug: 'I64->',
  log_info: 'I64->',
  log_warn: 'I64->',
  log_error: 'I64->',
  get_log_level: '->I32',
};

/** hyper-mcp v2's host functions in `extism:host/user` (JSON in and out through kernel memory). */
export const USER_SIGNATURES: Readonly<Record<string, string>> = {
  create_message: 'I64->I64',
  create_elicitation: 'I64->I64',
  list_roots: '->I64',
  notify_logging_message: 'I64->',
  notify_progress: 'I64->',
  notify_prompt_list_changed: '->',
  notify_resource_list_changed: '->',
  notify_resource_updated: 'I64->',
  notify_tool_list_changed: '->',
  notify_url_elicitation_completed: 'I64->',
};

/** The two servlet interfaces a plugin can export. */
export type ExtismInterface = 'mcp-run-v0' | 'hyper-mcp-v2';

/** How each interface is named to a person. */
export const INTERFACE_NAMES: Readonly<Record<ExtismInterface, string>> = {
  'mcp-run-v0': 'Extism plugin (mcp.run v0)',
  'hyper-mcp-v2': 'Extism plugin (hyper-mcp v2)',
};

/** The interface a plugin's exports implement, or undefined when neither. v2 wins when both are there. */
export function detectInterface(functionExports: readonly string[]): ExtismInterface | undefined {
  const has = (name: string) => functionExports.includes(name);
  if (has('call_tool') || has('list_tools')) return 'hyper-mcp-v2';
  if (has('call') && has('describe')) return 'mcp-run-v0';
  return undefined;
}
