// Input, output, errors, config, vars and logging over the Extism kernel. Text crosses as UTF-8.
import * as kernel from "./kernel";

/** Copies `bytes` into a new block of host memory and returns its offset. */
export function storeBytes(bytes: Uint8Array): u64 {
  const length = <u64>bytes.length;
  const block = kernel.alloc(length);
  let i: u64 = 0;
  for (; i + 8 <= length; i += 8) kernel.store_u64(block + i, load<u64>(bytes.dataStart + <usize>i));
  for (; i < length; i++) kernel.store_u8(block + i, bytes[<i32>i]);
  return block;
}

/** Copies `text` as UTF-8 into host memory. */
export function storeString(text: string): u64 {
  return storeBytes(Uint8Array.wrap(String.UTF8.encode(text)));
}

/** The bytes of a host memory block (empty for block 0). */
export function loadBytes(block: u64): Uint8Array {
  if (block == 0) return new Uint8Array(0);
  const length = kernel.length(block);
  const out = new Uint8Array(<i32>length);
  let i: u64 = 0;
  for (; i + 8 <= length; i += 8) store<u64>(out.dataStart + <usize>i, kernel.load_u64(block + i));
  for (; i < length; i++) out[<i32>i] = kernel.load_u8(block + i);
  return out;
}

/** The text of a host memory block. */
export function loadString(block: u64): string {
  return String.UTF8.decode(loadBytes(block).buffer);
}

/** The call's input bytes. */
export function input(): Uint8Array {
  const length = kernel.input_length();
  const out = new Uint8Array(<i32>length);
  let i: u64 = 0;
  for (; i + 8 <= length; i += 8) store<u64>(out.dataStart + <usize>i, kernel.input_load_u64(i));
  for (; i < length; i++) out[<i32>i] = kernel.input_load_u8(i);
  return out;
}

/** The call's input as text (every servlet export receives JSON). */
export function inputString(): string {
  return String.UTF8.decode(input().buffer);
}

/** Sets the call's output. */
export function outputString(text: string): void {
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  kernel.output_set(storeBytes(bytes), <u64>bytes.length);
}

/** Fails the call with `message` (also return a non-zero code from the export). */
export function setError(message: string): void {
  kernel.error_set(storeString(message));
}

/** A config value or secret the person granted, or null when it is not set or not granted. */
export function config(key: string): string | null {
  const name = storeString(key);
  const value = kernel.config_get(name);
  kernel.free(name);
  return value == 0 ? null : loadString(value);
}

/** A value this servlet kept with `setVar` (lives as long as the instance), or null. */
export function getVar(key: string): Uint8Array | null {
  const name = storeString(key);
  const value = kernel.var_get(name);
  kernel.free(name);
  return value == 0 ? null : loadBytes(value);
}

export function setVar(key: string, value: Uint8Array): void {
  kernel.var_set(storeString(key), storeBytes(value));
}

export enum LogLevel {
  Debug,
  Info,
  Warn,
  Error,
}

/** Writes `message` to the servlet's log. */
export function log(level: LogLevel, message: string): void {
  const block = storeString(message);
  if (level == LogLevel.Debug) kernel.log_debug(block);
  else if (level == LogLevel.Info) kernel.log_info(block);
  else if (level == LogLevel.Warn) kernel.log_warn(block);
  else kernel.log_error(block);
  kernel.free(block);
}
