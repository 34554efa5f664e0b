/**
 * The requests of an Extism plugin that carries no manifest, inferred from its imports: an import
 * of `http_request` means network, of a WASI file function the filesystem, of `config_get` config,
 * of hyper-mcp's `create_message`/`create_elicitation`/`list_roots` a client feature. They are
 * marked undeclared (`Manifest.undeclared`) and name nothing, so deny by default holds: the
 * person grants an origin or a directory only by naming it, and `--yes` alone grants none of them.
 */
import type { Manifest, UndeclaredRequests } from '../manifest/manifest.js';
import { EXTISM_ENV, EXTISM_USER, WASI_P1 } from './abi.js';
import { WASI_P1_FILE_FUNCTIONS } from './wasi-link.js';

/** Which import means which request (as `module#name`, or a test on the pair). */
export const PLUGIN_REQUESTS: readonly { capability: keyof UndeclaredRequests; matches: (module: string, name: string) => boolean }[] = [
  { capability: 'network', matches: (module, name) => module === EXTISM_ENV && name === 'http_request' },
  { capability: 'config', matches: (module, name) => module === EXTISM_ENV && name === 'config_get' },
  { capability: 'filesystem', matches: (module, name) => module === WASI_P1 && WASI_P1_FILE_FUNCTIONS.has(name) },
  { capability: 'sampling', matches: (module, name) => module === EXTISM_USER && name === 'create_message' },
  { capability: 'elicitation', matches: (module, name) => module === EXTISM_USER && name === 'create_elicitation' },
  { capability: 'roots', matches: (module, name) => module === EXTISM_USER && name === 'list_roots' },
];

/** The capability an import (`module#name`) needs, if any. */
export function capabilityOfImport(entry: string): keyof UndeclaredRequests | undefined {
  const [module, name] = entry.split('#') as [string, string];
  return PLUGIN_REQUESTS.find((request) => request.matches(module, name))?.capability;
}

/** The manifest inferred from `imports`; undefined when the plugin needs no capability. */
export function inferManifest(imports: readonly string[]): Manifest | undefined {
  const undeclared: UndeclaredRequests = {};
  for (const entry of imports) {
    const capability = capabilityOfImport(entry);
    if (capability) undeclared[capability] = true;
  }
  return Object.keys(undeclared).length > 0 ? { capabilities: {}, undeclared } : undefined;
}
