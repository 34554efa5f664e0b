/** Loads a servlet from component bytes: checks the binary, its manifest and its imports before compiling anything. */
import type { CapabilityProvider } from '../capabilities/context.js';
import { readComponentInfo, type ComponentInfo } from '../component/binary.js';
import { sha256Hex, type ComponentCompiler } from '../component/compiler.js';
import { checkImports } from '../component/linker.js';
import { HostError } from '../errors.js';
import { readEmbeddedManifest } from '../manifest/embed.js';
import { checkImportsAgainstManifest } from '../manifest/imports.js';
import { EMPTY_MANIFEST, type Manifest } from '../manifest/manifest.js';
import type { ToolPins } from '../pins/tool-pins.js';
import type { LogSink } from '../wasi/log-sink.js';
import type { CompiledComponent } from '../component/compiler.js';
import { inThreadInstances, type InstanceFactory } from './instance.js';
import { servletLimits, type ServletLimits } from './limits.js';
import { Servlet } from './servlet.js';

/** What loading a servlet needs. */
export interface LoadServletOptions<C extends CompiledComponent = CompiledComponent> {
  /** The servlet's name, unique in this host. */
  name: string;
  /** The component's bytes. */
  bytes: Uint8Array;
  /** Turns the bytes into something runnable. */
  compiler: ComponentCompiler<C>;
  /** Receives the servlet's log. */
  log: LogSink;
  /** How to name the component in error messages (a path, for example). */
  label?: string;
  /** A sidecar manifest, for a component that carries none. */
  sidecar?: Manifest;
  /** The servlet's capabilities, asked at every call; default: nothing granted. */
  capabilities?: CapabilityProvider;
  /** Approved tool definitions (from install); without them every tool is offered (ad hoc runs). */
  pins?: ToolPins;
  /** Where instances run; default: on the calling thread (`inThreadInstances`). */
  instances?: (compiled: C, importNames: readonly string[]) => InstanceFactory;
  /** Host settings for the limits, before the manifest's requests (see `servletLimits`). */
  limits?: Partial<ServletLimits>;
  /** What `checkComponent` already found for these bytes (with the same sidecar), so they are not read and hashed again. */
  checked?: CheckedComponent;
}

/** What checking a component found. */
export interface CheckedComponent {
  info: ComponentInfo;
  /** SHA-256 of the bytes, hex. */
  digest: string;
  /** What the servlet requests. */
  manifest: Manifest;
  /** Where the manifest came from: inside the artifact, a sidecar file, or none at all (requests nothing). */
  manifestSource: 'embedded' | 'sidecar' | 'none';
}

/**
 * Checks component bytes without running or compiling anything: a valid component binary whose
 * imports the host provides and whose manifest requests every capability it imports. Throws
 * `HostError` otherwise.
 */
export async function checkComponent(bytes: Uint8Array, label: string, sidecar?: Manifest): Promise<CheckedComponent> {
  const info = readComponentInfo(bytes, label);
  checkImports(info.imports, label);
  const embedded = readEmbeddedManifest(info, label);
  if (embedded && sidecar) {
    throw new HostError('invalid-manifest', `${label} carries its own manifest, so a sidecar manifest is not accepted: install it without one`);
  }
  const manifest = embedded ?? sidecar ?? EMPTY_MANIFEST;
  checkImportsAgainstManifest(info.imports, manifest, label);
  return { info, digest: await sha256Hex(bytes), manifest, manifestSource: embedded ? 'embedded' : sidecar ? 'sidecar' : 'none' };
}

/** Checks and compiles a component into a `Servlet`. Nothing of the guest runs until its first call. */
export async function loadServlet<C extends CompiledComponent>(options: LoadServletOptions<C>): Promise<Servlet> {
  const label = options.label ?? `servlet "${options.name}"`;
  const { info, digest, manifest } = options.checked ?? (await checkComponent(options.bytes, label, options.sidecar));
  const limits = servletLimits(manifest, options.limits);
  const compiled = await options.compiler.compile(options.bytes, digest, { memoryLimitBytes: limits.memoryMb * 1024 * 1024 });
  const instances = (options.instances ?? inThreadInstances)(compiled, info.imports);
  return new Servlet(options.name, digest, instances, options.log, {
    capabilities: options.capabilities,
    pins: options.pins,
    limits,
  });
}
