/**
 * Checks a compiled Extism plugin before the manifest goes in: it must export one of the servlet
 * interfaces the host knows, or installing it would fail later with a less helpful message.
 */
import { BuildError } from './build-error.js';

/** The exports that make each interface: mcp.run v0 and hyper-mcp v2. */
const INTERFACES = [
  { name: 'mcp.run (describe, call)', exports: ['describe', 'call'] },
  { name: 'hyper-mcp v2 (list_tools, call_tool)', exports: ['list_tools', 'call_tool'] },
];

/** Throws a `BuildError` unless `bytes` is a core module exporting a servlet interface and its memory. */
export function checkServletModule(bytes: Uint8Array<ArrayBuffer>, language: string): void {
  let exported: Set<string>;
  try {
    // Compiling only lists the exports; nothing of the module runs here.
    exported = new Set(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((entry) => entry.name));
  } catch (error) {
    throw new BuildError(`the ${language} compiler produced an invalid module: ${(error as Error).message}`);
  }
  if (!exported.has('memory')) throw new BuildError('the module exports no memory: the host cannot exchange data with it');
  if (!INTERFACES.some((known) => known.exports.every((name) => exported.has(name)))) {
    const found = [...exported].filter((name) => name !== 'memory' && !name.startsWith('_')).join(', ') || 'nothing';
    throw new BuildError(
      `the servlet exports ${found}, which is no servlet interface: export ${INTERFACES.map((known) => known.name).join(' or ')}`,
    );
  }
}
