/**
 * Compiles components for Node with jco: the component is transpiled once into JavaScript glue and
 * core modules, kept under the home by content digest (so a second start does not transpile
 * again), and compiled by V8 once per process.
 */
import { readFile, mkdir, rename, rm, readdir, writeFile } from 'node:fs/promises';
import { createHash, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { transpileBytes } from '@bytecodealliance/jco-transpile';
import type { WorkerComponent } from './worker/worker-instances.js';
import {
  capMemory,
  DEFAULT_LIMITS,
  HostError,
  MAX_PAGES_32,
  PAGE_BYTES,
  RAISE_MEMORY_LIMIT,
  type CompiledComponent,
  type CompileOptions,
  type ComponentCompiler,
  type ComponentExports,
  type ImportObject,
} from '@mcp-wasm/host';

const ENTRY = 'component.js';

/** Options that shape jco's output; part of the cache key, so changing them never reuses stale output. */
const TRANSPILE_OPTIONS = {
  name: 'component',
  instantiation: { tag: 'async' },
  noTypescript: true,
  emitTypescriptDeclarations: false,
  validLiftingOptimization: false,
} as const;

type Instantiate = (
  getCoreModule: (name: string) => Promise<WebAssembly.Module>,
  imports: ImportObject,
) => Promise<ComponentExports>;

/** What happened in the cache for the last compile, for tests and `--verbose` output. */
export type CacheOutcome = 'hit' | 'miss';

let transpilerVersion: string | undefined;

async function jcoVersion(): Promise<string> {
  if (!transpilerVersion) {
    const entry = fileURLToPath(import.meta.resolve('@bytecodealliance/jco-transpile'));
    const manifest = JSON.parse(await readFile(join(entry, '..', '..', 'package.json'), 'utf8')) as { version: string };
    transpilerVersion = manifest.version;
  }
  return transpilerVersion;
}

/** A compiled component that can also start in a worker: its JavaScript and its compiled core modules. */
export interface JcoCompiledComponent extends CompiledComponent, WorkerComponent {}

/**
 * A `ComponentCompiler` backed by jco and a transpile cache directory. Every memory the component
 * defines is capped before V8 compiles it (`capMemory`): at `memoryLimitBytes`, or at the default
 * servlet limit (256 MiB) when a compile names none. Compiled components stay in memory, by digest
 * and cap, so servlets of the same component share one compilation.
 */
export class JcoCompiler implements ComponentCompiler {
  /** Outcome of each compile, by digest: whether the transpile cache had it. */
  readonly outcomes = new Map<string, CacheOutcome>();
  private readonly compiled = new Map<string, Promise<JcoCompiledComponent>>();

  constructor(private readonly cacheDir: string) {}

  compile(bytes: Uint8Array, digest: string, options: CompileOptions = {}): Promise<JcoCompiledComponent> {
    const maxPages = memoryPages(options.memoryLimitBytes ?? DEFAULT_LIMITS.memoryMb * 1024 * 1024);
    const key = `${digest}/${maxPages}`;
    let compiled = this.compiled.get(key);
    if (!compiled) {
      compiled = this.compileCapped(bytes, digest, maxPages);
      this.compiled.set(key, compiled);
      compiled.catch(() => this.compiled.delete(key)); // a failure is not remembered: the next try starts afresh
    }
    return compiled;
  }

  private async compileCapped(bytes: Uint8Array, digest: string, maxPages: number): Promise<JcoCompiledComponent> {
    const dir = await this.transpiled(bytes, digest);
    const entry = pathToFileURL(join(dir, ENTRY)).href;
    const { instantiate } = (await import(entry)) as { instantiate: Instantiate };
    const modules = new Map<string, Promise<WebAssembly.Module>>();
    const getCoreModule = (name: string) => {
      if (!/^[\w.-]+\.wasm$/.test(name)) throw new Error(`unexpected core module name ${name}`);
      let module = modules.get(name);
      if (!module) {
        // The cap is written into the module itself, so V8 refuses any growth beyond it.
        const cap = (file: Uint8Array) => capMemory(file, maxPages, { label: `core module ${name} of the component`, howToRaise: RAISE_MEMORY_LIMIT });
        module = readFile(join(dir, name)).then((file) => WebAssembly.compile(cap(file) as Uint8Array<ArrayBuffer>));
        modules.set(name, module);
      }
      return module;
    };
    return {
      entry,
      memoryLimitBytes: maxPages * PAGE_BYTES,
      async coreModules() {
        const names = (await readdir(dir)).filter((name) => name.endsWith('.wasm'));
        return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await getCoreModule(name)] as const)));
      },
      async instantiate(imports: ImportObject) {
        try {
          return await instantiate(getCoreModule, imports);
        } catch (error) {
          throw new HostError('instantiation-failed', `the component could not be started: ${(error as Error).message}`);
        }
      },
    };
  }

  /** The cache directory holding this component's transpiled output, creating it if needed. */
  private async transpiled(bytes: Uint8Array, digest: string): Promise<string> {
    const keyHash = createHash('sha256')
      .update(JSON.stringify({ jco: await jcoVersion(), options: TRANSPILE_OPTIONS }))
      .digest('hex')
      .slice(0, 12);
    const dir = join(this.cacheDir, `${digest}-${keyHash}`);
    if (await isComplete(dir)) {
      this.outcomes.set(digest, 'hit');
      return dir;
    }
    this.outcomes.set(digest, 'miss');
    let files: Record<string, Uint8Array>;
    try {
      ({ files } = await transpileBytes(bytes, TRANSPILE_OPTIONS as Parameters<typeof transpileBytes>[1]));
    } catch (error) {
      throw new HostError('malformed-component', `the component could not be translated for this host: ${(error as Error).message}`);
    }
    // Write everything into a private directory, then rename it into place in one step, so a
    // crash or a concurrent start never leaves a half-written cache entry behind.
    const staging = join(this.cacheDir, `.staging-${randomBytes(6).toString('hex')}`);
    await mkdir(staging, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(staging, name.split('/').pop()!), content);
    }
    try {
      await rename(staging, dir);
    } catch {
      await rm(staging, { recursive: true, force: true }); // another process won the race
    }
    return dir;
  }
}

/** A memory limit in bytes as whole 64 KiB pages: rounded down, at least one page, at most 4 GiB. */
function memoryPages(bytes: number): number {
  if (!Number.isFinite(bytes) || bytes <= 0) throw new RangeError(`a memory limit must be a positive number of bytes, not ${bytes}`);
  return Math.min(MAX_PAGES_32, Math.max(1, Math.floor(bytes / PAGE_BYTES)));
}

async function isComplete(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).includes(ENTRY);
  } catch {
    return false;
  }
}
