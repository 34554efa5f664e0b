/**
 * Links a component's imports to host implementations. Every import must name an interface the
 * host knows, at a version it implements; anything else is refused before the component is
 * compiled, with a message naming the import.
 */
import { createClientFeatures } from '../capabilities/client/client-features.js';
import { emptyCapabilities, liveSlice, type CapabilityContext } from '../capabilities/context.js';
import { createConfigStore } from '../capabilities/config/store.js';
import { createFilesystem } from '../capabilities/fs/filesystem.js';
import { createKeyValueStore } from '../capabilities/kv/store.js';
import { createWasiHttp } from '../capabilities/net/outgoing.js';
import { HostError } from '../errors.js';
import { createCli } from '../wasi/cli.js';
import { monotonicClock, wallClock } from '../wasi/clocks.js';
import { IoError, InputStream, OutputStream, Pollable, poll } from '../wasi/io.js';
import type { LogSink } from '../wasi/log-sink.js';
import { createLogging } from '../wasi/logging.js';
import { insecure, insecureSeed, random } from '../wasi/random.js';

/** What one instance's host implementations may reach: only the servlet's own sinks. */
export interface InstanceSinks {
  /** The servlet's log. */
  log: LogSink;
  /** Progress of the call in progress. */
  progress(progress: number, total?: number, message?: string): void;
}

/** The imports object handed to a transpiled component, keyed by unversioned interface name. */
export type ImportObject = Record<string, Record<string, unknown>>;

/** Package versions the host implements, by package (`namespace:name`). */
const PACKAGE_VERSIONS: Record<string, (version: string) => boolean> = {
  'wasi:io': isWasi02,
  'wasi:clocks': isWasi02,
  'wasi:random': isWasi02,
  'wasi:cli': isWasi02,
  'wasi:filesystem': isWasi02,
  'wasi:http': isWasi02,
  'wasi:logging': (v) => v === '0.1.0-draft',
  'wasi:config': (v) => v === '0.2.0-draft',
  'wasi:keyvalue': (v) => v === '0.2.0-draft',
  'mcp-wasm:servlet': (v) => /^0\.1\.\d+$/.test(v),
};

function isWasi02(version: string): boolean {
  return /^0\.2\.\d+$/.test(version);
}

/** An import name split into its interface (`wasi:io/streams`) and version (`0.2.12`). */
export function parseImportName(name: string): { iface: string; pkg: string; version: string } | undefined {
  const match = /^([a-z][a-z0-9-]*:[a-z][a-z0-9-]*)\/([a-z][a-z0-9-]*)@([0-9A-Za-z.+-]+)$/.exec(name);
  if (!match) return undefined;
  return { pkg: match[1]!, iface: `${match[1]}/${match[2]}`, version: match[3]! };
}

/**
 * Builds every interface the host implements for one instance. `live` gives the capabilities of the
 * call in progress; capability implementations receive only their own slice of it.
 */
function implementations(sinks: InstanceSinks, live: () => CapabilityContext): ImportObject {
  return {
    ...createClientFeatures(liveSlice(live, 'client', 'sampling')),
    ...createCli(sinks.log),
    'wasi:io/error': { Error: IoError },
    'wasi:io/poll': { Pollable, poll },
    'wasi:io/streams': { InputStream, OutputStream },
    'wasi:clocks/wall-clock': wallClock,
    'wasi:clocks/monotonic-clock': monotonicClock,
    'wasi:random/random': random,
    'wasi:random/insecure': insecure,
    'wasi:random/insecure-seed': insecureSeed,
    'wasi:logging/logging': createLogging(sinks.log),
    ...createFilesystem(liveSlice(live, 'fs', 'filesystem')),
    'wasi:config/store': { ...createConfigStore(liveSlice(live, 'config', 'config')) },
    'wasi:keyvalue/store': { ...createKeyValueStore(liveSlice(live, 'kv', 'storage')) },
    ...createWasiHttp(liveSlice(live, 'net', 'network')),
    'mcp-wasm:servlet/types': {},
    'mcp-wasm:servlet/progress': {
      report: (progress: number, total?: number, message?: string) => sinks.progress(progress, total, message),
    },
  };
}

/** Interfaces the host implements, unversioned. */
const KNOWN = new Set(Object.keys(implementations({ log: () => {}, progress: () => {} }, () => emptyCapabilities('none'))));

/**
 * Refuses a component whose imports the host cannot satisfy. Throws `HostError('unknown-import')`
 * naming the first such import.
 */
export function checkImports(imports: readonly string[], label: string): void {
  for (const name of imports) {
    const parsed = parseImportName(name);
    const versionOk = parsed && PACKAGE_VERSIONS[parsed.pkg]?.(parsed.version);
    if (!parsed || !versionOk || !KNOWN.has(parsed.iface)) {
      throw new HostError(
        'unknown-import',
        `${label} imports \`${name}\`, which this host does not provide: rebuild it against the MCP-WASM interface (wit/, mcp-wasm:servlet@0.1.0)`,
      );
    }
  }
}

/** The imports object for one instance of a component with `imports`, reaching the capabilities `live` gives. */
export function linkImports(imports: readonly string[], sinks: InstanceSinks, live: () => CapabilityContext): ImportObject {
  const all = implementations(sinks, live);
  const linked: ImportObject = {};
  for (const name of imports) {
    const iface = parseImportName(name)!.iface;
    linked[iface] = all[iface]!;
  }
  return linked;
}
