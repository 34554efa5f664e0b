/**
 * Where a servlet comes from at install or update: a file or an http(s) URL, plus an optional
 * sidecar manifest. It is checked (binary, imports, manifest) and its tools (with its prompts and
 * resource templates) are listed by running it with no capabilities at all, before the person is
 * asked anything.
 */
import { readFile } from 'node:fs/promises';
import { checkComponent, INTERFACE_NAMES, listLive, loadServlet, parseSidecar, type CheckedComponent, type Manifest, type ServletListing, type WitTool } from '@mcp-wasm/host';
import { JcoCompiler, workerInstances, workerPluginInstances, type HomePaths } from '@mcp-wasm/node';
import { UserError } from './user-error.js';

/** Largest component accepted from a URL. */
const MAX_DOWNLOAD_BYTES = 256 * 1024 * 1024;

/** A checked component and what it offers. */
export interface InspectedServlet extends CheckedComponent {
  bytes: Uint8Array;
  /** The tools it lists, as the servlet defines them. */
  tools: WitTool[];
  /** Its whole listing (tools, prompts, resource templates), stored once approved; undefined when only its tools could be listed. */
  listing?: ServletListing;
  /** What kind of binary it is when not a component, e.g. "Extism plugin (mcp.run v0)". */
  format?: string;
}

async function download(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow' });
  } catch (error) {
    throw new UserError(`cannot download ${url}: ${(error as Error).message}. Check the address, or download it and install the file`);
  }
  if (!response.ok) throw new UserError(`cannot download ${url}: the server answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > MAX_DOWNLOAD_BYTES) throw new UserError(`${url} is larger than ${MAX_DOWNLOAD_BYTES} bytes: download and check it yourself`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_DOWNLOAD_BYTES) throw new UserError(`${url} is larger than ${MAX_DOWNLOAD_BYTES} bytes`);
  return bytes;
}

/** The bytes of a component file or URL. */
export async function readSource(source: string): Promise<Uint8Array> {
  if (/^https?:\/\//i.test(source)) return download(source);
  try {
    return await readFile(source);
  } catch {
    throw new UserError(`cannot read ${source}: check the path (or give an http(s) URL)`);
  }
}

/** Reads a sidecar manifest file: a servlet.json, or an Extism manifest (allowed_hosts, allowed_paths, config). */
export async function readSidecar(path: string | undefined): Promise<Manifest | undefined> {
  if (path === undefined) return undefined;
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UserError(`cannot read the manifest ${path}: check the path`);
  }
  return parseSidecar(text, path);
}

/** Checks a component and lists its tools, running it with nothing granted. */
export async function inspectServlet(home: HomePaths, bytes: Uint8Array, label: string, sidecar?: Manifest): Promise<InspectedServlet> {
  const checked = await checkComponent(bytes, label, sidecar);
  const servlet = await loadServlet({
    name: 'inspect',
    bytes,
    checked,
    compiler: new JcoCompiler(home.transpileCache),
    instances: (compiled, importNames) => workerInstances(compiled, importNames, home),
    pluginInstances: (plugin) => workerPluginInstances(plugin, home),
    log: () => {},
    label,
  });
  let tools: WitTool[];
  let listing: ServletListing | undefined;
  try {
    // One instance lists everything a client will be shown; the tools alone are what install needs.
    listing = await listLive(servlet).catch(() => undefined);
    tools = listing?.tools ?? (await servlet.listTools());
  } catch (error) {
    throw new UserError(`${label} could not list its tools: ${(error as Error).message}`);
  } finally {
    await servlet.close();
  }
  return { ...checked, bytes, tools, ...(listing ? { listing } : {}), ...(checked.plugin ? { format: INTERFACE_NAMES[checked.plugin.interface] } : {}) };
}
