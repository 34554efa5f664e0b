/**
 * Puts the host core together for Node: compiler with disk cache, the audit log, capability
 * contexts from the home's grants, servlets from files and from the home.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import {
  checkComponent,
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
  type Manifest,
  type Servlet,
} from '@mcp-wasm/host';
import { createAuditLog } from './audit-log.js';
import { defaultBackends } from './default-backends.js';
import { CapabilityResolver, type NodeBackends } from './capability-resolver.js';
import type { HomePaths } from './home.js';
import { JcoCompiler, type JcoCompiledComponent } from './jco-compiler.js';
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
    this.gateway = new Gateway({ ...options, audit: this.audit });
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
   */
  async addInstalled(only?: readonly string[]): Promise<Servlet[]> {
    const state = await readState(this.home);
    const loaded: Servlet[] = [];
    for (const installed of Object.values(state.servlets)) {
      if (only && !only.includes(installed.name)) continue;
      try {
        loaded.push(await this.addInstalledServlet(installed));
      } catch (error) {
        if (!(error instanceof HostError)) throw error;
        this.warn(`servlet "${installed.name}" is not served: ${error.message}`);
      }
    }
    return loaded;
  }

  private async addInstalledServlet(installed: InstalledServlet): Promise<Servlet> {
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
    const servlet = await loadServlet({
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
    });
    this.gateway.add(servlet);
    return servlet;
  }
}
