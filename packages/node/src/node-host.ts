/** Puts the host core together for Node: compiler with disk cache, servlets from files and from the home. */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Gateway, HostError, loadServlet, type GatewayOptions, type Servlet } from '@mcp-wasm/host';
import type { HomePaths } from './home.js';
import { JcoCompiler } from './jco-compiler.js';
import { readState } from './state.js';

/** A servlet name: lowercase letters, digits and dashes, starting with a letter. */
export const SERVLET_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** Derives a servlet name from a file name (`my_tool.wasm` → `my-tool`). */
export function servletNameFromFile(path: string): string {
  const stem = basename(path).replace(/\.wasm$/i, '').toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^[^a-z]+/, '').slice(0, 32).replace(/-+$/, '');
  return stem || 'servlet';
}

/** The host for one process: one gateway, one compiler. */
export class NodeHost {
  readonly compiler: JcoCompiler;
  readonly gateway: Gateway;

  constructor(
    readonly home: HomePaths,
    options: GatewayOptions,
  ) {
    this.compiler = new JcoCompiler(home.transpileCache);
    this.gateway = new Gateway(options);
  }

  /** Loads a component file as servlet `name` and adds it to the gateway. */
  async addFile(path: string, name = servletNameFromFile(path)): Promise<Servlet> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new HostError('servlet-not-found', code === 'ENOENT' ? `no file at ${path}: check the path` : `cannot read ${path} (${code})`);
    }
    const servlet = await loadServlet({ name, bytes, compiler: this.compiler, log: this.gateway.logSink(name), label: path });
    this.gateway.add(servlet);
    return servlet;
  }

  /** Loads every servlet installed in the home. */
  async addInstalled(): Promise<Servlet[]> {
    const state = await readState(this.home);
    const loaded: Servlet[] = [];
    for (const installed of Object.values(state.servlets)) {
      loaded.push(await this.addFile(join(this.home.root, installed.file), installed.name));
    }
    return loaded;
  }
}
