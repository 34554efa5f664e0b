/** Loads a servlet from component bytes: checks the binary and its imports before compiling anything. */
import { readComponentInfo, type ComponentInfo } from '../component/binary.js';
import { sha256Hex, type ComponentCompiler } from '../component/compiler.js';
import { checkImports } from '../component/linker.js';
import type { LogSink } from '../wasi/log-sink.js';
import { Servlet } from './servlet.js';

/** What loading a servlet needs. */
export interface LoadServletOptions {
  /** The servlet's name, unique in this host. */
  name: string;
  /** The component's bytes. */
  bytes: Uint8Array;
  /** Turns the bytes into something runnable. */
  compiler: ComponentCompiler;
  /** Receives the servlet's log. */
  log: LogSink;
  /** How to name the component in error messages (a path, for example). */
  label?: string;
}

/**
 * Checks component bytes without running or compiling anything: a valid component binary whose
 * imports the host provides. Returns what it read and the digest. Throws `HostError` otherwise.
 */
export async function checkComponent(bytes: Uint8Array, label: string): Promise<{ info: ComponentInfo; digest: string }> {
  const info = readComponentInfo(bytes, label);
  checkImports(info.imports, label);
  return { info, digest: await sha256Hex(bytes) };
}

/** Checks and compiles a component into a `Servlet`. Nothing of the guest runs until its first call. */
export async function loadServlet(options: LoadServletOptions): Promise<Servlet> {
  const label = options.label ?? `servlet "${options.name}"`;
  const { info, digest } = await checkComponent(options.bytes, label);
  const compiled = await options.compiler.compile(options.bytes, digest);
  return new Servlet(options.name, digest, compiled, info.imports, options.log);
}
