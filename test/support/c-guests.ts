/**
 * Builds the C guests of the tests (test/fixtures/wasi-p1/*.c) with clang-19 for `wasm32-wasi`,
 * once per source version: the module is cached in node_modules/.cache/mcp-wasm-test by a hash of
 * the source, the headers beside it, the flags and the compiler's version, so test files
 * (separate processes) share it.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { wasiPreview1, WasiExit, WASI_P1_MODULE, type FsContext } from '@mcp-wasm/host';
import { ROOT } from './servlets.js';

const CACHE = join(ROOT, 'node_modules', '.cache', 'mcp-wasm-test');
const CLANG = 'clang-19';

let clangVersion: string | undefined;

/** How to build a guest: a command (`main`, the default) or a reactor (exports only). */
export interface CGuestOptions {
  reactor?: boolean;
  /** More clang arguments, such as `-D` definitions. */
  flags?: readonly string[];
}

/** The path of the built module for `test/fixtures/wasi-p1/<name>.c`, compiling it when its source changed. */
export function cGuest(name: string, options: CGuestOptions = {}): string {
  const directory = join(ROOT, 'test', 'fixtures', 'wasi-p1');
  const source = join(directory, `${name}.c`);
  const flags = ['--target=wasm32-wasi', '-O2', ...(options.reactor ? ['-mexec-model=reactor'] : []), ...(options.flags ?? [])];
  clangVersion ??= execFileSync(CLANG, ['--version'], { encoding: 'utf8' });
  const hash = createHash('sha256').update(clangVersion).update(JSON.stringify(flags)).update(readFileSync(source));
  // The headers beside the sources are shared by several guests: a change to one rebuilds them all.
  for (const header of readdirSync(directory).filter((file) => file.endsWith('.h')).sort()) hash.update(header).update(readFileSync(join(directory, header)));
  const digest = hash.digest('hex').slice(0, 24);
  const out = join(CACHE, `c-${name}-${digest}.wasm`);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const staging = `${out}.${process.pid}.tmp`;
  execFileSync(CLANG, [...flags, source, '-o', staging], { stdio: ['ignore', 'inherit', 'inherit'] });
  renameSync(staging, out);
  return out;
}

/** The compiled module of a C guest, ready to instantiate. */
export function cGuestModule(name: string, options: CGuestOptions = {}): WebAssembly.Module {
  return new WebAssembly.Module(readFileSync(cGuest(name, options)));
}

/** A guest instance driven straight through `wasiPreview1`, with what it logged and what was denied. */
export interface WasiP1Guest {
  readonly instance: WebAssembly.Instance;
  /** Log lines as `level: message`. */
  readonly log: string[];
  /** Denials reported for the audit log. */
  readonly denials: string[];
  /** The grants the next operation sees; replace to grant or revoke. */
  fs: FsContext;
  /** Calls an export. */
  call(name: string, ...args: (number | bigint)[]): number;
  /** Writes a NUL-terminated string into the guest's `arg1`/`arg2` buffer. */
  setArg(which: 'arg1' | 'arg2', text: string): void;
  /** The first `length` bytes of the guest's `out` buffer, as text. */
  out(length: number): string;
  /** Calls the export `name` with `arg1` (and `arg2`) set; its answer (a negative errno on failure). */
  op(name: string, arg1: string, arg2?: string): number;
  /** Reads a file through the guest's `read_file` and answers its text; fails the test on an errno. */
  read(path: string): string;
  /** Runs a command's `_start` as a host does (output flushed as it ends); answers its exit code. */
  start(): number;
}

/** Instantiates `module` with our WASI p1 (no other imports); a reactor is initialised. */
export function wasiP1Guest(module: WebAssembly.Module, fs: FsContext, args: readonly string[] = []): WasiP1Guest {
  const log: string[] = [];
  const denials: string[] = [];
  // Known once instantiated; the host asks for it on every call.
  const state: { memory?: WebAssembly.Memory } = {};
  const guest = {
    log,
    denials,
    fs,
  } as WasiP1Guest & { instance: WebAssembly.Instance };
  const wasi = wasiPreview1({
    memory: () => state.memory!,
    log: (level, message) => log.push(`${level}: ${message}`),
    fs: { current: () => guest.fs, deny: (detail) => denials.push(detail) },
    args,
  });
  const instance = new WebAssembly.Instance(module, { [WASI_P1_MODULE]: wasi.imports });
  state.memory = instance.exports.memory as WebAssembly.Memory;
  const exports = instance.exports as Record<string, (...args: unknown[]) => unknown>;
  const bytes = () => new Uint8Array(state.memory!.buffer);
  Object.assign(guest, {
    instance,
    call: (name: string, ...callArgs: (number | bigint)[]) => Number(exports[name]!(...callArgs)),
    setArg(which: 'arg1' | 'arg2', text: string) {
      const encoded = new TextEncoder().encode(`${text}\0`);
      bytes().set(encoded, exports[which]!() as number);
    },
    out: (length: number) => new TextDecoder().decode(bytes().subarray(exports.out!() as number, (exports.out!() as number) + length)),
    op(name: string, arg1: string, arg2?: string) {
      guest.setArg('arg1', arg1);
      if (arg2 !== undefined) guest.setArg('arg2', arg2);
      return guest.call(name);
    },
    read(path: string) {
      const length = guest.op('read_file', path);
      if (length < 0) throw new Error(`read ${path}: errno ${-length}`);
      return guest.out(length);
    },
    start() {
      try {
        (exports._start as () => void)();
        return 0;
      } catch (error) {
        if (error instanceof WasiExit) return error.code;
        throw error;
      } finally {
        wasi.flushOutput();
      }
    },
  });
  exports._initialize?.();
  return guest;
}
