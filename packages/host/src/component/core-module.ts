/**
 * A minimal reader of core WebAssembly modules (the format of Extism plugins): function types,
 * imports with their kinds and signatures, export names and custom sections, read before anything
 * is compiled so that a module the host cannot run is refused with a clear message. Every read is
 * bounds-checked (`ByteReader`).
 */
import { ByteReader } from './byte-reader.js';
import type { ComponentInfo } from './binary.js';

/** A function signature in short form: parameter and result value types, e.g. `I64,I64->I64`. */
export type Signature = string;

/** One import of a core module. */
export interface CoreImport {
  module: string;
  name: string;
  kind: 'func' | 'table' | 'memory' | 'global' | 'tag';
  /** For functions: the signature, as `Signature`. */
  signature?: Signature;
}

/** What the host learns from a core module's bytes without compiling it. */
export interface CoreModuleInfo extends ComponentInfo {
  /** Every import with its module, name and (for functions) signature. */
  coreImports: CoreImport[];
  /** Names of its exported functions. */
  functionExports: string[];
}

const SECTION_CUSTOM = 0;
const SECTION_TYPE = 1;
const SECTION_IMPORT = 2;
const SECTION_EXPORT = 7;
const VALUE_TYPES: Record<number, string> = { 0x7f: 'I32', 0x7e: 'I64', 0x7d: 'F32', 0x7c: 'F64', 0x7b: 'V128', 0x70: 'FUNCREF', 0x6f: 'EXTERNREF' };
const IMPORT_KINDS = ['func', 'table', 'memory', 'global', 'tag'] as const;

/** Reads `bytes` (a core module of version 1, preamble already checked by the caller). */
export function readCoreModuleInfo(bytes: Uint8Array, label: string): CoreModuleInfo {
  const reader = new ByteReader(bytes, 8, label);
  const info: CoreModuleInfo = { imports: [], customSections: new Map(), repeatedSections: new Set(), coreImports: [], functionExports: [] };
  const types: Signature[] = [];
  while (!reader.done()) {
    const id = reader.byte();
    const size = reader.u32();
    reader.ensure(size);
    const end = reader.offset + size;
    if (id === SECTION_CUSTOM) {
      const name = reader.string();
      if (info.customSections.has(name)) info.repeatedSections.add(name);
      info.customSections.set(name, bytes.slice(reader.offset, end));
    } else if (id === SECTION_TYPE) {
      for (let count = reader.u32(); count > 0; count--) types.push(readFunctionType(reader));
    } else if (id === SECTION_IMPORT) {
      for (let count = reader.u32(); count > 0; count--) info.coreImports.push(readImport(reader, types));
    } else if (id === SECTION_EXPORT) {
      for (let count = reader.u32(); count > 0; count--) {
        const name = reader.string();
        const kind = reader.byte();
        reader.u32();
        if (kind === 0) info.functionExports.push(name);
      }
    }
    if ((id === SECTION_TYPE || id === SECTION_IMPORT || id === SECTION_EXPORT) && reader.offset !== end) reader.fail(`section ${id} size does not match its contents`);
    reader.offset = end;
  }
  info.imports = info.coreImports.map((entry) => `${entry.module}#${entry.name}`);
  return info;
}

function readFunctionType(reader: ByteReader): Signature {
  const form = reader.byte();
  // 0x60 is a plain function type; GC proposal forms (rec groups, sub types) are not supported.
  if (form !== 0x60) reader.fail(`type form 0x${form.toString(16)} (a proposal this host does not support)`);
  const list = () => {
    const items: string[] = [];
    for (let count = reader.u32(); count > 0; count--) {
      const type = reader.byte();
      items.push(VALUE_TYPES[type] ?? reader.fail(`unknown value type 0x${type.toString(16)}`));
    }
    return items.join(',');
  };
  const params = list();
  return `${params}->${list()}`;
}

function readLimits(reader: ByteReader): void {
  const flags = reader.byte();
  const read = () => ((flags & 0x04) !== 0 ? reader.u64() : reader.u32());
  read();
  if ((flags & 0x01) !== 0) read();
}

function readImport(reader: ByteReader, types: readonly Signature[]): CoreImport {
  const module = reader.string();
  const name = reader.string();
  const code = reader.byte();
  const kind = IMPORT_KINDS[code] ?? reader.fail(`unknown import kind 0x${code.toString(16)}`);
  const entry: CoreImport = { module, name, kind };
  switch (kind) {
    case 'func': {
      const index = reader.u32();
      entry.signature = types[index] ?? reader.fail(`import ${module}#${name} names type ${index}, which does not exist`);
      break;
    }
    case 'table':
      reader.byte();
      readLimits(reader);
      break;
    case 'memory':
      readLimits(reader);
      break;
    case 'global':
      reader.byte();
      reader.byte();
      break;
    case 'tag':
      reader.byte();
      reader.u32();
      break;
  }
  return entry;
}
