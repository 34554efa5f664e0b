/**
 * A minimal reader of the WebAssembly component binary format: enough to check the preamble, list
 * the top-level imports and read custom sections, before any code is compiled or run. Every read is
 * bounds-checked so that truncated or hostile bytes end in a clear `malformed-component` error.
 */
import { HostError } from '../errors.js';
import { ByteReader } from './byte-reader.js';
import { readCoreModuleInfo, type CoreModuleInfo } from './core-module.js';

/** What the host learns from a component's bytes without running it. */
export interface ComponentInfo {
  /** Every top-level import name, with its version, for example `wasi:io/streams@0.2.12`. */
  imports: string[];
  /** Top-level custom sections by name (the last one wins when a name repeats). */
  customSections: Map<string, Uint8Array>;
  /** Names of custom sections that appear more than once (ambiguous: refused where it matters). */
  repeatedSections: Set<string>;
}

const MAGIC = [0x00, 0x61, 0x73, 0x6d];
const SECTION_CUSTOM = 0;
const SECTION_IMPORT = 10;

/** What a guest binary is: a component, or a core module (an Extism plugin, once checked as one). */
export type GuestBinary = { kind: 'component'; info: ComponentInfo } | { kind: 'core'; info: CoreModuleInfo };

/** Reads `bytes` as a component or a core module of version 1. Throws `HostError` when they are neither. */
export function readGuestBinary(bytes: Uint8Array, label = 'the file'): GuestBinary {
  const core = bytes.length >= 8 && MAGIC.every((b, i) => bytes[i] === b) && bytes[4] === 0x01 && bytes[5] === 0 && bytes[6] === 0 && bytes[7] === 0;
  return core ? { kind: 'core', info: readCoreModuleInfo(bytes, label) } : { kind: 'component', info: readComponentInfo(bytes, label) };
}

/** Reads `bytes` as a component. Throws `HostError` when they are not one. */
export function readComponentInfo(bytes: Uint8Array, label = 'the file'): ComponentInfo {
  if (bytes.length < 8 || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new HostError('malformed-component', `${label} is not WebAssembly (bad magic number): give the path of a .wasm component`);
  }
  const layer = bytes[6]! | (bytes[7]! << 8);
  if (layer === 0) {
    throw new HostError(
      'not-a-component',
      `${label} is a core WebAssembly module, not a component: build it as a component (for TypeScript, \`mcp-wasm build\`)`,
    );
  }
  if (layer !== 1 || bytes[4] !== 0x0d || bytes[5] !== 0x00) {
    throw new HostError('malformed-component', `${label} uses an unknown component binary version: rebuild it with a current toolchain`);
  }
  const reader = new ByteReader(bytes, 8, label, 'component');
  const info: ComponentInfo = { imports: [], customSections: new Map(), repeatedSections: new Set() };
  while (!reader.done()) {
    const id = reader.byte();
    const size = reader.u32();
    const end = reader.offset + size;
    reader.ensure(size);
    if (id === SECTION_CUSTOM) {
      const name = reader.string();
      if (info.customSections.has(name)) info.repeatedSections.add(name);
      info.customSections.set(name, bytes.slice(reader.offset, end));
    } else if (id === SECTION_IMPORT) {
      for (let count = reader.u32(); count > 0; count--) info.imports.push(readImport(reader));
      if (reader.offset !== end) reader.fail('import section size does not match its contents');
    } else if (id > 12) {
      reader.fail(`unknown section id ${id}`);
    }
    reader.offset = end;
  }
  return info;
}

function readImport(reader: ByteReader): string {
  const form = reader.byte();
  if (form !== 0x00 && form !== 0x01) reader.fail(`unknown import name form 0x${form.toString(16)}`);
  const name = reader.string();
  if (form === 0x01) reader.string(); // version suffix, already part of `name` in practice
  skipExternDesc(reader);
  return name;
}

function skipExternDesc(reader: ByteReader): void {
  const kind = reader.byte();
  switch (kind) {
    case 0x00:
      if (reader.byte() !== 0x11) reader.fail('bad core module import');
      reader.u32();
      return;
    case 0x01:
    case 0x04:
    case 0x05:
      reader.u32();
      return;
    case 0x02: // value bound: an index or a value type
      reader.byte();
      reader.u32();
      return;
    case 0x03: // type bound: eq <typeidx> or sub resource
      if (reader.byte() === 0x00) reader.u32();
      return;
    default:
      reader.fail(`unknown import kind 0x${kind.toString(16)}`);
  }
}
