/** Loads a servlet from component bytes: checks the binary, its manifest and its imports before compiling anything. */
import type { CapabilityProvider } from '../capabilities/context.js';
import { readGuestBinary, type ComponentInfo } from '../component/binary.js';
import { sha256Hex, type ComponentCompiler } from '../component/compiler.js';
import { checkImports } from '../component/linker.js';
import { HostError } from '../errors.js';
import { readEmbeddedManifest } from '../manifest/embed.js';
import { checkImportsAgainstManifest, checkPluginImportsAgainstManifest } from '../manifest/imports.js';
import { inThreadExtismInstances } from '../extism/in-thread.js';
import { inferManifest } from '../extism/inferred-manifest.js';
import { checkExtismPlugin, type ExtismPluginInfo } from '../extism/plugin-check.js';
import { compileExtismPlugin, type CompiledPlugin } from '../extism/plugin-instance.js';
import { EMPTY_MANIFEST, type Manifest } from '../manifest/manifest.js';
import type { ToolPins } from '../pins/tool-pins.js';
import type { LogSink } from '../wasi/log-sink.js';
import type { CompiledComponent } from '../component/compiler.js';
import { inThreadInstances, type InstanceFactory } from './instance.js';
import { servletLimits, type ServletLimits } from './limits.js';
import { Servlet, type ServletOptions } from './servlet.js';

/** What loading a servlet needs. */
export interface LoadServletOptions<C extends CompiledComponent = CompiledComponent> {
  /** The servlet's name, unique in this host. */
  name: string;
  /** The component's bytes. */
  bytes: Uint8Array;
  /** Turns component bytes into something runnable (not needed for Extism plugins, which the core compiles itself). */
  compiler?: ComponentCompiler<C>;
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
  /** Where instances of an Extism plugin run; default: on the calling thread (`inThreadExtismInstances`). */
  pluginInstances?: (plugin: CompiledPlugin) => InstanceFactory;
  /** Host settings for the limits, before the manifest's requests (see `servletLimits`). */
  limits?: Partial<ServletLimits>;
  /** What `checkComponent` already found for these bytes (with the same sidecar), so they are not read and hashed again. */
  checked?: CheckedComponent;
}

/** What checking a component found. */
export interface CheckedComponent {
  /** A component, or a core module that is an Extism plugin. */
  kind: 'component' | 'extism';
  info: ComponentInfo;
  /** For a plugin: its interface, exports and imports. */
  plugin?: ExtismPluginInfo;
  /** SHA-256 of the bytes, hex. */
  digest: string;
  /** What the servlet requests. */
  manifest: Manifest;
  /**
   * Where the manifest came from: inside the artifact, a sidecar file, inferred from a plugin's
   * imports (undeclared by the publisher, granting nothing unless named), or none (requests nothing).
   */
  manifestSource: ManifestSource;
}

/** Where a servlet's manifest came from. */
export type ManifestSource = 'embedded' | 'sidecar' | 'inferred' | 'none';

/**
 * Checks component bytes without running or compiling anything: a valid component binary (or an
 * Extism plugin) whose imports the host provides and whose manifest requests every capability it
 * imports. A plugin without a manifest gets one inferred from its imports. Throws `HostError` otherwise.
 */
export async function checkComponent(bytes: Uint8Array, label: string, sidecar?: Manifest): Promise<CheckedComponent> {
  const binary = readGuestBinary(bytes, label);
  const plugin = binary.kind === 'core' ? checkExtismPlugin(binary.info, label) : undefined;
  if (!plugin) checkImports(binary.info.imports, label);
  const embedded = readEmbeddedManifest(binary.info, label);
  if (embedded && sidecar) {
    throw new HostError('invalid-manifest', `${label} carries its own manifest, so a sidecar manifest is not accepted: install it without one`);
  }
  const inferred = plugin && !embedded && !sidecar ? inferManifest(plugin.imports) : undefined;
  const manifest = embedded ?? sidecar ?? inferred ?? EMPTY_MANIFEST;
  if (plugin) checkPluginImportsAgainstManifest(plugin.imports, manifest, label);
  else checkImportsAgainstManifest(binary.info.imports, manifest, label);
  const manifestSource: ManifestSource = embedded ? 'embedded' : sidecar ? 'sidecar' : inferred ? 'inferred' : 'none';
  return { kind: plugin ? 'extism' : 'component', info: binary.info, ...(plugin ? { plugin } : {}), digest: await sha256Hex(bytes), manifest, manifestSource };
}

/** How instances of each kind of guest are made: the one place that looks at the kind. */
const INSTANCE_FACTORIES: Record<CheckedComponent['kind'], <C extends CompiledComponent>(options: LoadServletOptions<C>, checked: CheckedComponent, limits: ServletLimits) => Promise<InstanceFactory>> = {
  async component(options, checked, limits) {
    if (!options.compiler) throw new HostError('instantiation-failed', 'loading a component needs a compiler (in Node: new JcoCompiler(cacheDir) from @mcp-wasm/node)');
    const compiled = await options.compiler.compile(options.bytes, checked.digest, { memoryLimitBytes: limits.memoryMb * 1024 * 1024 });
    return (options.instances ?? inThreadInstances)(compiled, checked.info.imports);
  },
  async extism(options, checked, limits) {
    const plugin = await compileExtismPlugin(options.bytes, checked.plugin!, limits.memoryMb * 1024 * 1024);
    return (options.pluginInstances ?? inThreadExtismInstances)(plugin);
  },
};

/** Checks and compiles a component: what starts its instances, and its limits. */
export async function prepareInstances<C extends CompiledComponent>(options: LoadServletOptions<C>): Promise<{ checked: CheckedComponent; limits: ServletLimits; instances: InstanceFactory }> {
  const label = options.label ?? `servlet "${options.name}"`;
  const checked = options.checked ?? (await checkComponent(options.bytes, label, options.sidecar));
  const limits = servletLimits(checked.manifest, options.limits);
  return { checked, limits, instances: await INSTANCE_FACTORIES[checked.kind](options, checked, limits) };
}

/** Checks and compiles a component into a `Servlet`. Nothing of the guest runs until its first call. */
export async function loadServlet<C extends CompiledComponent>(options: LoadServletOptions<C>): Promise<Servlet> {
  const { checked, limits, instances } = await prepareInstances(options);
  return new Servlet(options.name, checked.digest, instances, options.log, {
    capabilities: options.capabilities,
    pins: options.pins,
    limits,
  });
}

/** What a servlet loaded on first use needs: what was recorded when it was installed. */
export interface DeferredServletOptions extends ServletOptions {
  name: string;
  /** The digest recorded at install; `load` must refuse a component with another one. */
  digest: string;
  log: LogSink;
  /** Reads, checks and compiles the component (`prepareInstances`), at the first instance start. */
  load: () => Promise<InstanceFactory>;
}

/**
 * A servlet whose component is read, checked and compiled only when its first instance starts:
 * serving an installed servlet from its stored listing needs none of that, so a host with many
 * servlets starts without reading them all. A failed load fails that start (the call gets the
 * reason) and is tried again at the next one.
 */
export function deferredServlet(options: DeferredServletOptions): Servlet {
  let loading: Promise<InstanceFactory> | undefined;
  const instances: InstanceFactory = {
    async start(events) {
      loading ??= options.load();
      try {
        return (await loading).start(events);
      } catch (error) {
        loading = undefined;
        throw error;
      }
    },
  };
  return new Servlet(options.name, options.digest, instances, options.log, options);
}
