/**
 * Checks a core module as an Extism plugin before anything is compiled: it must import the Extism
 * kernel, import nothing but `extism:host/env`, hyper-mcp's `extism:host/user` and WASI preview 1
 * functions with exactly the signatures this host provides, and export one of the two servlet
 * interfaces. Anything else is refused with what is wrong and what to do.
 */
import type { CoreModuleInfo } from '../component/core-module.js';
import { HostError } from '../errors.js';
import { WASI_P1_FUNCTIONS } from './wasi-link.js';
import { detectInterface, ENV_SIGNATURES, EXTISM_ENV, EXTISM_USER, USER_SIGNATURES, WASI_P1, type ExtismInterface } from './abi.js';

/** What the host needs to know of a plugin to run it (plain data: it crosses to workers). */
export interface ExtismPluginInfo {
  interface: ExtismInterface;
  /** Its exported functions. */
  functionExports: string[];
  /** Its function imports as `module#name`. */
  imports: string[];
}

/** Checks `info` as a plugin; throws `HostError` when the host cannot run it. */
export function checkExtismPlugin(info: CoreModuleInfo, label: string): ExtismPluginInfo {
  if (!info.coreImports.some((entry) => entry.module === EXTISM_ENV)) {
    throw new HostError(
      'not-a-component',
      `${label} is a core WebAssembly module, not a component, and not an Extism plugin either (it does not import ${EXTISM_ENV}): give a component, or a plugin built with an Extism PDK`,
    );
  }
  for (const entry of info.coreImports) {
    const where = `${entry.module}#${entry.name}`;
    if (entry.kind !== 'func') {
      throw new HostError('unknown-import', `${label} imports the ${entry.kind} ${where}; an Extism plugin may import only functions (its memory must be its own): rebuild it`);
    }
    const expected =
      entry.module === EXTISM_ENV ? ENV_SIGNATURES[entry.name] : entry.module === EXTISM_USER ? USER_SIGNATURES[entry.name] : entry.module === WASI_P1 ? WASI_P1_FUNCTIONS.get(entry.name) ?? undefined : undefined;
    if (expected === undefined) {
      const advice = entry.module === 'env' ? ' (an old Extism PDK: rebuild it with a current one)' : '';
      throw new HostError('unknown-import', `${label} imports \`${where}\`, which this host does not provide${advice}: it runs Extism plugins with the kernel, WASI preview 1 and hyper-mcp's host functions only`);
    }
    if (expected !== '*' && entry.signature !== expected) {
      throw new HostError('unknown-import', `${label} imports \`${where}\` as (${entry.signature}), but the host provides (${expected}): rebuild it with a current Extism PDK`);
    }
  }
  const kind = detectInterface(info.functionExports);
  if (!kind) {
    throw new HostError(
      'not-a-component',
      `${label} is an Extism plugin that exports neither the mcp.run interface (call, describe) nor hyper-mcp v2's (list_tools, call_tool): it is not an MCP servlet`,
    );
  }
  return { interface: kind, functionExports: info.functionExports, imports: info.coreImports.map((entry) => `${entry.module}#${entry.name}`) };
}
