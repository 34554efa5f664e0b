/**
 * WASI preview 1 of our own, for core modules (Extism plugins and other `wasm32-wasi` programs):
 * the `wasi_snapshot_preview1` import module, runtime-neutral and sandboxed by the servlet's
 * grants. Never `node:wasi`, which gives a guest the host's files and is no sandbox.
 *
 * Defaults (what a module gets with nothing granted): the arguments the host passes (none unless
 * given), an empty environment, stdin at end of file, stdout and stderr as log lines (a last line
 * without a newline is sent when the call or the program ends), clocks,
 * random bytes, sleeps; no preopened directory and so no file; no socket. Files are reached only
 * through the mounts of the filesystem capability, with its checks (`FsAccess`): lexical `..` that
 * never leaves a mount, no absolute path, no symlink followed or created, no hard link, no special
 * file, read-only mounts refusing every write, and the grants read live at each operation, so a
 * revoke applies even to a descriptor the guest kept. Every refusal is an errno for the guest and
 * a denial in the audit log; a bad pointer is `EFAULT`, never a host exception. On top of the
 * grants, each descriptor holds the rights of preview 1, checked as the specification says (the
 * guest's own narrowing: `ENOTCAPABLE`, or the POSIX errno programs expect, never a denial).
 */
import type { LiveSlice } from '../capabilities/context.js';
import { FsAccess } from '../capabilities/fs/fs-access.js';
import type { FsContext } from '../capabilities/fs/types.js';
import { lineSink, type LogSink } from '../wasi/log-sink.js';
import { clockRandomFunctions } from './clocks-random.js';
import { errnoOf, ERRNO } from './errno.js';
import { fdIoFunctions } from './fd-io.js';
import { fdMetaFunctions } from './fd-meta.js';
import { FdTable } from './fd-table.js';
import { GuestMemory } from './memory-view.js';
import { pathFunctions } from './path-functions.js';
import { processFunctions, WasiExit } from './process-functions.js';

export { WasiExit };
export { ERRNO, type Errno } from './errno.js';

/** What one instance's WASI p1 may reach. */
export interface WasiP1Options {
  /** The guest's memory (known after instantiation; asked on every call). */
  memory(): WebAssembly.Memory;
  /** Where stdout (level info) and stderr (level warning) lines go. */
  log: LogSink;
  /** The filesystem slice: its mounts become the preopened directories. */
  fs: LiveSlice<FsContext>;
  /** The program's arguments (`argv`); none by default. */
  args?: readonly string[];
}

/**
 * The functions that reach files (by path, by listing, or by naming preopens), for the import
 * check: a module importing none of them cannot name a file. `fd_read`, `fd_write` and the other
 * descriptor functions are left out since every program's stdio uses them.
 */
export const WASI_P1_FILESYSTEM_IMPORTS: readonly string[] = Object.freeze([
  'fd_prestat_get',
  'fd_prestat_dir_name',
  'fd_readdir',
  'path_create_directory',
  'path_filestat_get',
  'path_filestat_set_times',
  'path_link',
  'path_open',
  'path_readlink',
  'path_remove_directory',
  'path_rename',
  'path_symlink',
  'path_unlink_file',
]);

/** The name of the import module. */
export const WASI_P1_MODULE = 'wasi_snapshot_preview1';

/**
 * Wraps a host function so that a failure the guest should see becomes its errno result, and
 * success is 0. Anything else (an exit, a limit, a host bug) propagates and ends the instance.
 */
function guarded(run: (...args: never[]) => unknown): (...args: never[]) => number {
  return (...args) => {
    try {
      run(...args);
      return ERRNO.success;
    } catch (error) {
      const errno = errnoOf(error);
      if (errno === undefined) throw error;
      return errno;
    }
  };
}

/** WASI p1 for one instance: its import module, and what the host calls when a call ends. */
export interface WasiPreview1 {
  /** The `wasi_snapshot_preview1` import module: every function of WASI p1. */
  readonly imports: Record<string, (...args: never[]) => unknown>;
  /**
   * Sends what stdout and stderr hold without a newline as log lines of their own. The host calls
   * it when a call into the instance returns (and `proc_exit` does so itself), so a last line
   * printed without a newline is not lost.
   */
  flushOutput(): void;
}

/** Builds WASI p1 for one instance. */
export function wasiPreview1(options: WasiP1Options): WasiPreview1 {
  const access = new FsAccess(options.fs);
  const stdout = lineSink(options.log, 'info');
  const stderr = lineSink(options.log, 'warning');
  const flushOutput = (): void => {
    stdout.flush();
    stderr.flush();
  };
  const table = new FdTable(access, stdout, stderr);
  const memory = () => new GuestMemory(options.memory());
  const host = { table, access, memory };
  const functions: Record<string, (...args: never[]) => unknown> = {
    ...processFunctions(memory, table, options.args ?? [], flushOutput),
    ...clockRandomFunctions(memory, table),
    ...fdIoFunctions(host),
    ...fdMetaFunctions(host),
    ...pathFunctions(host),
  };
  const imports = Object.fromEntries(Object.entries(functions).map(([name, run]) => [name, guarded(run)]));
  return { imports, flushOutput };
}
