/**
 * WASI preview 1 for Extism plugins: the signatures of `wasi_snapshot_preview1` (the witx of
 * preview 1, wasm32) for the import check, and the import module of one instance, built by the
 * host's own implementation (`wasi-p1/`, never `node:wasi`, which is no sandbox): files only through
 * the servlet's mounts, stdout and stderr to its log, an empty environment.
 */
import type { CapabilityContext } from '../capabilities/context.js';
import { liveSlice } from '../capabilities/context.js';
import type { LogSink } from '../wasi/log-sink.js';
import { wasiPreview1, WASI_P1_FILESYSTEM_IMPORTS, type WasiPreview1 } from '../wasi-p1/index.js';

const FD = 'I32';
const PTR = 'I32';
const sig = (params: string[], result = 'I32') => `${params.join(',')}->${result}`;

/** Every preview 1 function, with its signature. */
export const WASI_P1_FUNCTIONS: ReadonlyMap<string, string> = new Map([
  ['args_get', sig([PTR, PTR])],
  ['args_sizes_get', sig([PTR, PTR])],
  ['environ_get', sig([PTR, PTR])],
  ['environ_sizes_get', sig([PTR, PTR])],
  ['clock_res_get', sig(['I32', PTR])],
  ['clock_time_get', sig(['I32', 'I64', PTR])],
  ['fd_advise', sig([FD, 'I64', 'I64', 'I32'])],
  ['fd_allocate', sig([FD, 'I64', 'I64'])],
  ['fd_close', sig([FD])],
  ['fd_datasync', sig([FD])],
  ['fd_fdstat_get', sig([FD, PTR])],
  ['fd_fdstat_set_flags', sig([FD, 'I32'])],
  ['fd_fdstat_set_rights', sig([FD, 'I64', 'I64'])],
  ['fd_filestat_get', sig([FD, PTR])],
  ['fd_filestat_set_size', sig([FD, 'I64'])],
  ['fd_filestat_set_times', sig([FD, 'I64', 'I64', 'I32'])],
  ['fd_pread', sig([FD, PTR, 'I32', 'I64', PTR])],
  ['fd_prestat_get', sig([FD, PTR])],
  ['fd_prestat_dir_name', sig([FD, PTR, 'I32'])],
  ['fd_pwrite', sig([FD, PTR, 'I32', 'I64', PTR])],
  ['fd_read', sig([FD, PTR, 'I32', PTR])],
  ['fd_readdir', sig([FD, PTR, 'I32', 'I64', PTR])],
  ['fd_renumber', sig([FD, FD])],
  ['fd_seek', sig([FD, 'I64', 'I32', PTR])],
  ['fd_sync', sig([FD])],
  ['fd_tell', sig([FD, PTR])],
  ['fd_write', sig([FD, PTR, 'I32', PTR])],
  ['path_create_directory', sig([FD, PTR, 'I32'])],
  ['path_filestat_get', sig([FD, 'I32', PTR, 'I32', PTR])],
  ['path_filestat_set_times', sig([FD, 'I32', PTR, 'I32', 'I64', 'I64', 'I32'])],
  ['path_link', sig([FD, 'I32', PTR, 'I32', FD, PTR, 'I32'])],
  ['path_open', sig([FD, 'I32', PTR, 'I32', 'I32', 'I64', 'I64', 'I32', PTR])],
  ['path_readlink', sig([FD, PTR, 'I32', PTR, 'I32', PTR])],
  ['path_remove_directory', sig([FD, PTR, 'I32'])],
  ['path_rename', sig([FD, PTR, 'I32', FD, PTR, 'I32'])],
  ['path_symlink', sig([PTR, 'I32', FD, PTR, 'I32'])],
  ['path_unlink_file', sig([FD, PTR, 'I32'])],
  ['poll_oneoff', sig([PTR, PTR, 'I32', PTR])],
  ['proc_exit', sig(['I32'], '')],
  ['proc_raise', sig(['I32'])],
  ['sched_yield', sig([])],
  ['random_get', sig([PTR, 'I32'])],
  ['sock_accept', sig([FD, 'I32', PTR])],
  ['sock_recv', sig([FD, PTR, 'I32', 'I32', PTR, PTR])],
  ['sock_send', sig([FD, PTR, 'I32', 'I32', PTR])],
  ['sock_shutdown', sig([FD, 'I32'])],
]);

/** The preview 1 functions that reach files: importing one means requesting the filesystem. */
export const WASI_P1_FILE_FUNCTIONS: ReadonlySet<string> = new Set(WASI_P1_FILESYSTEM_IMPORTS);

/** WASI p1 of one instance (our implementation defines every function of preview 1). */
export function linkWasiP1(memory: () => WebAssembly.Memory, log: LogSink, live: () => CapabilityContext): WasiPreview1 {
  return wasiPreview1({ memory, log, fs: liveSlice(live, 'fs', 'filesystem'), args: [] });
}
