/**
 * The process functions: arguments (as the host gives them), an empty environment (a servlet must
 * never see the host's variables, which hold secrets), exit, signals, and sockets, which WASI p1
 * servlets never get (network access goes through the host's HTTP path).
 */
import { GuestExit } from '../wasi/cli.js';
import { ERRNO, fail } from './errno.js';
import type { FdTable } from './fd-table.js';
import type { GuestMemory } from './memory-view.js';

/** Thrown by `proc_exit`: the instance is finished (with `code`) and must not be reused. */
export class WasiExit extends GuestExit {
  constructor(readonly code: number) {
    super(code !== 0);
    this.message = `the servlet exited with code ${code}`;
    this.name = 'WasiExit';
  }
}

const encoder = new TextEncoder();

/** Writes NUL-terminated `strings` to `buffer` and their addresses to `pointers` (`args_get`, `environ_get`). */
function writeStrings(memory: GuestMemory, strings: readonly Uint8Array[], pointers: number, buffer: number): void {
  const total = strings.reduce((sum, bytes) => sum + bytes.length + 1, 0);
  memory.check(pointers, strings.length * 4);
  memory.check(buffer, total);
  let offset = buffer >>> 0;
  strings.forEach((bytes, index) => {
    memory.setU32(pointers + index * 4, offset);
    memory.write(offset, bytes);
    memory.setU8(offset + bytes.length, 0);
    offset += bytes.length + 1;
  });
}

function writeSizes(memory: GuestMemory, strings: readonly Uint8Array[], countPointer: number, sizePointer: number): void {
  memory.check(countPointer, 4);
  memory.check(sizePointer, 4);
  memory.setU32(countPointer, strings.length);
  memory.setU32(sizePointer, strings.reduce((sum, bytes) => sum + bytes.length + 1, 0));
}

/** The argument, environment, process and socket functions; `flushOutput` runs at `proc_exit`. */
export function processFunctions(memory: () => GuestMemory, table: FdTable, args: readonly string[], flushOutput: () => void) {
  const argv = args.map((arg) => encoder.encode(arg));
  const socket = (fd: number): void => {
    table.get(fd);
    fail(ERRNO.notsock); // no descriptor here is ever a socket: servlets get no sockets
  };
  return {
    args_get: (pointers: number, buffer: number) => writeStrings(memory(), argv, pointers, buffer),
    args_sizes_get: (countPointer: number, sizePointer: number) => writeSizes(memory(), argv, countPointer, sizePointer),
    environ_get: (pointers: number, buffer: number) => writeStrings(memory(), [], pointers, buffer),
    environ_sizes_get: (countPointer: number, sizePointer: number) => writeSizes(memory(), [], countPointer, sizePointer),
    proc_exit(code: number): never {
      flushOutput(); // the program's last words, even without a newline
      throw new WasiExit(code >>> 0);
    },
    proc_raise(_signal: number): void {
      fail(ERRNO.notsup); // signals are not delivered; wasi-libc's abort() traps instead
    },
    sock_accept: (fd: number) => socket(fd),
    sock_recv: (fd: number) => socket(fd),
    sock_send: (fd: number) => socket(fd),
    sock_shutdown: (fd: number) => socket(fd),
  };
}
