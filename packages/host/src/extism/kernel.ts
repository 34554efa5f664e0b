/**
 * The host side of `extism:host/env` for one plugin instance: kernel memory, input and output,
 * errors, config, vars, logging and HTTP, with the names and signatures of real Extism (`abi.ts`),
 * so plugins built with any Extism PDK run unchanged.
 *
 * Every capability goes through the servlet's own slice, read on every call: `config_get` answers
 * only granted keys (`createConfigStore`, which audits a refusal), `http_request` only granted
 * origins (`extismHttpRequest`). Vars live per instance, bounded like Extism's (1 MiB by default).
 * Kernel memory is bounded (`KernelMemory`) and freed at the start of every call.
 */
import type { LiveSlice } from '../capabilities/context.js';
import { createConfigStore } from '../capabilities/config/store.js';
import type { ConfigContext } from '../capabilities/config/types.js';
import type { NetContext } from '../capabilities/net/types.js';
import type { LogLevel, LogSink } from '../wasi/log-sink.js';
import { extismHttpRequest, type ExtismHttpResponse } from './http.js';
import { KernelMemory, KernelTrap } from './kernel-memory.js';

/** Bounds of one instance's kernel. */
export interface KernelLimits {
  /** Most bytes of kernel memory live at once. */
  memoryBytes: number;
  /** Most bytes of vars (keys and values). */
  varBytes: number;
}

/** What one kernel reaches. */
export interface KernelOptions {
  log: LogSink;
  config: LiveSlice<ConfigContext>;
  net: LiveSlice<NetContext>;
  limits: KernelLimits;
}

/** What a finished call left: its output, or the error it set. */
export interface CallResult {
  output: Uint8Array;
  error?: string;
}

/** Extism's log levels as `get_log_level` numbers them. */
const LOG_LEVEL_DEBUG = 1;

const decoder = new TextDecoder();

/** One instance's kernel: the import module and the call bracket. */
export interface ExtismKernel {
  /** The `extism:host/env` import module. */
  env: Record<string, (...args: never[]) => unknown>;
  memory: KernelMemory;
  /** Starts a call with `input`: frees the previous call's blocks and stores the input. */
  begin(input: Uint8Array): void;
  /** What the call set as output or error. */
  end(): CallResult;
  /** Stores `bytes` in kernel memory, for user host functions that answer with data. */
  store(bytes: Uint8Array): bigint;
  /** The text of the block at `address` (user host functions' input). */
  text(address: bigint): string;
}

/** Builds the kernel of one instance. */
export function createExtismKernel(options: KernelOptions): ExtismKernel {
  const memory = new KernelMemory(options.limits.memoryBytes);
  const configStore = createConfigStore(options.config);
  const vars = new Map<string, Uint8Array>();
  let input: Uint8Array = new Uint8Array(0);
  let inputAddress = 0n;
  let output: { address: bigint; length: bigint } | undefined;
  let error: bigint | undefined;
  let lastResponse: ExtismHttpResponse | undefined;

  const block = (address: bigint, what: string): Uint8Array => {
    const bytes = memory.read(BigInt(address));
    if (!bytes) throw new KernelTrap(`${what}: no block at address 0x${BigInt.asUintN(64, BigInt(address)).toString(16)}`);
    return bytes;
  };
  const text = (address: bigint, what = 'a string') => decoder.decode(block(address, what));
  const inputAt = (offset: bigint, width: number): DataView => {
    const at = Number(offset);
    if (!Number.isSafeInteger(at) || at < 0 || at + width > input.length) throw new KernelTrap(`the plugin read past its input at ${offset}`);
    return new DataView(input.buffer, input.byteOffset + at, width);
  };
  const varBytes = () => [...vars].reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  const log = (level: LogLevel) => (address: bigint) => {
    options.log(level, text(address, 'log message'));
  };

  const env = {
    alloc: (size: bigint) => memory.alloc(size),
    free: (address: bigint) => memory.free(address),
    length: (address: bigint) => memory.length(address),
    length_unsafe: (address: bigint) => memory.lengthUnsafe(address),
    load_u8: (address: bigint) => memory.loadU8(address),
    load_u64: (address: bigint) => memory.loadU64(address),
    store_u8: (address: bigint, value: number) => memory.storeU8(address, value),
    store_u64: (address: bigint, value: bigint) => memory.storeU64(address, value),
    input_offset: () => inputAddress,
    input_length: () => BigInt(input.length),
    input_load_u8: (offset: bigint) => inputAt(offset, 1).getUint8(0),
    input_load_u64: (offset: bigint) => inputAt(offset, 8).getBigUint64(0, true),
    output_set: (address: bigint, length: bigint) => {
      memory.readLength(address, length);
      output = { address, length };
    },
    error_set: (address: bigint) => {
      block(address, 'error_set');
      error = address;
    },
    error_get: () => error ?? 0n,
    reset: () => {
      memory.reset();
      inputAddress = 0n;
      output = undefined;
      error = undefined;
    },
    memory_bytes: () => BigInt(memory.usedBytes),
    config_get: (address: bigint) => {
      const value = configStore.get(text(address, 'config_get key'));
      return value === undefined ? 0n : memory.store(new TextEncoder().encode(value));
    },
    var_get: (address: bigint) => {
      const value = vars.get(text(address, 'var_get key'));
      return value === undefined ? 0n : memory.store(value);
    },
    var_set: (keyAddress: bigint, valueAddress: bigint) => {
      const key = text(keyAddress, 'var_set key');
      if (valueAddress === 0n) {
        vars.delete(key);
        return;
      }
      const value = block(valueAddress, 'var_set value');
      const size = varBytes() - (vars.has(key) ? key.length + vars.get(key)!.length : 0) + key.length + value.length;
      if (size > options.limits.varBytes) throw new KernelTrap(`the plugin's vars would take ${size} bytes, more than the limit of ${options.limits.varBytes} bytes`);
      vars.set(key, value.slice());
    },
    http_request: (requestAddress: bigint, bodyAddress: bigint) => {
      lastResponse = undefined;
      const body = bodyAddress === 0n ? undefined : block(bodyAddress, 'http_request body');
      lastResponse = extismHttpRequest(options.net, block(requestAddress, 'http_request'), body);
      return memory.store(lastResponse.body);
    },
    http_status_code: () => lastResponse?.status ?? 0,
    http_headers: () => (lastResponse ? memory.store(new TextEncoder().encode(JSON.stringify(lastResponse.headers))) : 0n),
    log_trace: () => {}, // MCP has no trace level: dropped, as a host at debug level does
    log_debug: log('debug'),
    log_info: log('info'),
    log_warn: log('warning'),
    log_error: log('error'),
    get_log_level: () => LOG_LEVEL_DEBUG,
  };

  return {
    env: env as unknown as ExtismKernel['env'],
    memory,
    begin(bytes) {
      memory.reset();
      output = undefined;
      error = undefined;
      lastResponse = undefined;
      input = bytes;
      inputAddress = memory.store(bytes);
    },
    end() {
      const result: CallResult = { output: output ? memory.readLength(output.address, output.length).slice() : new Uint8Array(0) };
      if (error !== undefined) {
        const bytes = memory.read(error);
        result.error = bytes ? decoder.decode(bytes) : 'the plugin set an error that it freed';
      }
      return result;
    },
    store: (bytes) => memory.store(bytes),
    text: (address) => text(address),
  };
}
