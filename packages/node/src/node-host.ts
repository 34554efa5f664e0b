/**
 * Puts the host core together for Node: compiler with disk cache, the audit log, capability
 * contexts from the home's grants, servlets from files and from the home.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  checkComponent,
  deferredServlet,
  prepareInstances,
  servletLimits,
  sha256Hex,
  type CheckedComponent,
  Gateway,
  HostError,
  loadServlet,
  noGrants,
  type AuditSink,
  type CompiledPlugin,
  type GatewayOptions,
  type Grants,
  type LoadServletOptions,
  type Manifest,
  type Servlet,
} from '@mcp-wasm/host';
import { createAuditLog } from './audit-log.js';
import { defaultBackends } from './default-backends.js';
import { CapabilityResolver, type NodeBackends } from './capability-resolver.js';
import type { HomePaths } from './home.js';
import { JcoCompiler, type JcoCompiledComponent } from './jco-compiler.js';
import { homeListingStore, readListing } from './listing-store.js';
import { workerInstances, workerPluginInstances } from './worker/worker-instances.js';
import { readState, type InstalledServlet } from './state.js';

/** A servlet name: lowercase letters, digits and dashes, starting with a letter. */
export const SERVLET_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Derives a servlet name from a file name (`my_tool.wasm` → `my-tool`). */
export function servletNameFromFile(path: string): string {
  const stem = basename(path).replace(/\.wasm$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 32).replace(/-+$/, '');
  return stem || 'servlet';
}

/** Options of a Node host: the gateway's, plus the I/O its capabilities use. */
export interface NodeHostOptions extends GatewayOptions {
  /** Default: real files, HTTP, storage and secrets of the home (`defaultBackends`). */
  backends?: NodeBackends;
}

async function readComponentFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new HostError('servlet-not-found', code === 'ENOENT' ? `no file at ${path}: check the path` : `cannot read ${path} (${code})`);
  }
}

/** The host for one process: one gateway, one compiler, one audit log. */
export class NodeHost {
  readonly compiler: JcoCompiler;
  readonly gateway: Gateway;
  readonly audit: AuditSink;
  private readonly resolver: CapabilityResolver;
  private readonly warn: (message: string) => void;

  constructor(
    readonly home: HomePaths,
    options: NodeHostOptions,
  ) {
    const warn = (message: string) => options.onWarning?.(message);
    this.warn = warn;
    const log = createAuditLog(home, (error) => warn(`cannot write the audit log ${home.audit}: ${error.message}`));
    this.audit = options.audit ? (event) => (log(event), options.audit!(event)) : log;
    this.compiler = new JcoCompiler(home.transpileCache);
    // Installed servlets are listed from their stored approved listings: serving starts no instance until a call.
    this.gateway = new Gateway({ listings: homeListingStore(home), ...options, audit: this.audit });
    this.resolver = new CapabilityResolver(home, options.backends ?? defaultBackends(home, warn), this.audit, warn);
  }

  /** Every servlet instance runs in a worker thread of its own. */
  readonly instances = (compiled: JcoCompiledComponent, importNames: readonly string[]) => workerInstances(compiled, importNames, this.home);
  /** Every Extism plugin instance too. */
  readonly pluginInstances = (plugin: CompiledPlugin) => workerPluginInstances(plugin, this.home);

  /** Ends every servlet instance (their workers). */
  async close(): Promise<void> {
    await Promise.all(this.gateway.list().map((servlet) => servlet.close()));
  }

  /**
   * Loads a component file as servlet `name`, run ad hoc (not installed), and adds it to the
   * gateway. `grant` chooses its grants from its manifest; by default it gets nothing.
   */
  async addFile(path: string, name = servletNameFromFile(path), grant: (manifest: Manifest) => Grants = noGrants): Promise<Servlet> {
    const bytes = await readComponentFile(path);
    const checked = await checkComponent(bytes, path);
    const capabilities = this.resolver.fixed(name, { manifest: checked.manifest, grants: grant(checked.manifest), config: {} });
    const servlet = await loadServlet({ name, bytes, checked, compiler: this.compiler, instances: this.instances, pluginInstances: this.pluginInstances, log: this.gateway.logSink(name), label: path, capabilities });
    this.gateway.add(servlet);
    return servlet;
  }

  /**
   * Loads every servlet installed in the home (or those named in `only`), with its grants and pins. One that cannot be loaded
   * is reported as a warning and left out; the others are served.
   *
   * With `deferred`, a servlet whose approved listing is stored is not even read now: its component
   * is read, checked against its recorded digest and compiled at its first instance start (a
   * tampered file then fails that call). `serve` defers, so its start-up does not grow with the
   * number and size of the servlets installed; one-shot commands do not, and report problems at once.
   */
  async addInstalled(only?: readonly string[], options: { deferred?: boolean } = {}): Promise<Servlet[]> {
    const state = await readState(this.home);
    const loaded: Servlet[] = [];
    for (const installed of Object.values(state.servlets)) {
      if (only && !only.includes(installed.name)) continue;
      try {
        const deferred = options.deferred && (await readListing(this.home, installed.name, installed.digest)) !== undefined;
        loaded.push(deferred ? this.addDeferred(installed) : await this.addInstalledServlet(installed));
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        this.warn(`servlet "${installed.name}" is not served: ${error.message}`);
      }
    }
    return loaded;
  }

  private addDeferred(installed: InstalledServlet): Servlet {
    const servlet = deferredServlet({
      name: installed.name,
      digest: installed.digest,
      log: this.gateway.logSink(installed.name),
      capabilities: this.resolver.provider(installed.name),
      pins: installed.pins,
      // The manifest recorded at install is the one the component carries (its digest is checked at load).
      limits: servletLimits(installed.manifest),
      load: async () => (await prepareInstances(await this.installedOptions(installed))).instances,
    });
    this.gateway.add(servlet);
    return servlet;
  }

  private async addInstalledServlet(installed: InstalledServlet): Promise<Servlet> {
    const servlet = await loadServlet(await this.installedOptions(installed));
    this.gateway.add(servlet);
    return servlet;
  }

  /** Reads an installed servlet's component and checks that it is the one the person consented to. */
  private async installedOptions(installed: InstalledServlet): Promise<LoadServletOptions<JcoCompiledComponent>> {
    const path = join(this.home.root, installed.file);
    const bytes = await readComponentFile(path);
    const label = `servlet "${installed.name}"`;
    const sidecar = installed.manifestSource === 'sidecar' ? installed.manifest : undefined;
    // The person consented to this exact component: a file changed behind our back is refused as
    // such, also when the change makes it fail the check (a broken manifest, say).
    const tampered = () =>
      new HostError('malformed-component', `${path} is not the component installed as "${installed.name}" (its digest changed): reinstall it with \`mcp-wasm update ${installed.name} <source>\``);
    let checked: CheckedComponent;
    try {
      checked = await checkComponent(bytes, label, sidecar);
    } catch (error) {
      throw (await sha256Hex(bytes)) === installed.digest ? error : tampered();
    }
    if (checked.digest !== installed.digest) throw tampered();
    return {
      name: installed.name,
      bytes,
      checked,
      compiler: this.compiler,
      instances: this.instances,
      pluginInstances: this.pluginInstances,
      log: this.gateway.logSink(installed.name),
      label,
      capabilities: this.resolver.provider(installed.name),
      pins: installed.pins,
    };
  }
}
