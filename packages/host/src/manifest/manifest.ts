/**
 * The servlet manifest: what a servlet requests (mounts, network origins, config and secret keys,
 * storage, client features, limits), written by its author and carried inside the component as a
 * custom section, so the artifact's digest covers it. A grant is always a subset of this request.
 */
import { z } from 'zod';
import { HostError } from '../errors.js';
import { parseOriginPattern } from '../capabilities/net/pattern.js';

const purpose = z.string().min(1).max(500).describe('why the servlet needs this, shown to the person at install');

/** A configuration or secret key: what `wasi:config/store` answers to. */
export const CONFIG_KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;

/** Keys refused because they name JavaScript object machinery, a classic way to corrupt lookups. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const configKey = z
  .string()
  .regex(CONFIG_KEY, 'letters, digits, _ . - only, starting with a letter or _')
  .refine((key) => !RESERVED_KEYS.has(key), 'this key name is reserved');

const guestPath = z
  .string()
  .regex(/^\/[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/, 'an absolute guest path such as /data, without . or .. segments')
  .refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), 'no . or .. segments');

const originPattern = z.string().superRefine((text, ctx) => {
  const parsed = parseOriginPattern(text);
  if (typeof parsed === 'string') ctx.addIssue({ code: 'custom', message: parsed });
});

/** The JSON shape of a manifest (zod schema; unknown fields are refused so typos don't pass silently). */
export const ManifestSchema = z
  .object({
    /** Editor hints, allowed so a manifest file can carry them; they mean nothing to the host. */
    $schema: z.string().max(500).optional(),
    $comment: z.string().max(2000).optional(),
    name: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/).optional(),
    version: z.string().max(64).optional(),
    description: z.string().max(2000).optional(),
    publisher: z.string().max(200).optional(),
    /** Which language `mcp-wasm build` compiles (detected when absent); left out of the embedded manifest. */
    language: z.enum(['typescript', 'c', 'assemblyscript']).optional(),
    capabilities: z
      .object({
        filesystem: z.array(z.strictObject({ guest: guestPath, access: z.enum(['read-only', 'read-write']), purpose })).max(16).optional(),
        network: z.array(z.strictObject({ origin: originPattern, purpose })).max(64).optional(),
        config: z.array(z.strictObject({ key: configKey, purpose, default: z.string().max(4096).optional() })).max(64).optional(),
        secrets: z.array(z.strictObject({ key: configKey, purpose })).max(64).optional(),
        storage: z.strictObject({ purpose, quotaBytes: z.int().positive().max(1 << 30).optional() }).optional(),
        sampling: z.strictObject({ purpose }).optional(),
        elicitation: z.strictObject({ purpose }).optional(),
        roots: z.strictObject({ purpose }).optional(),
      })
      .strict()
      .default({}),
    limits: z
      .strictObject({
        timeoutMs: z.int().positive().max(3_600_000).optional(),
        memoryMb: z.int().positive().max(4096).optional(),
        maxResultBytes: z.int().positive().max(64 << 20).optional(),
      })
      .optional(),
  })
  .strict();

/**
 * Requests the host inferred from the imports of a binary that carries no manifest (an Extism
 * plugin): what it can do, undeclared by its publisher. They name no origin, directory or key, so
 * they grant nothing by themselves (`--yes` included): only what the person names (`--allow-host`,
 * `--mount`) is granted. Never part of a publisher's manifest (the schema refuses the field).
 */
export interface UndeclaredRequests {
  network?: true;
  filesystem?: true;
  config?: true;
  sampling?: true;
  elicitation?: true;
  roots?: true;
}

/** A validated manifest; `undeclared` only when the host inferred the requests. */
export type Manifest = z.infer<typeof ManifestSchema> & { undeclared?: UndeclaredRequests };

/** What a servlet without a manifest requests: nothing. */
export const EMPTY_MANIFEST: Manifest = { capabilities: {} };

/**
 * Validates manifest JSON (text or parsed). Throws `HostError('invalid-manifest')` naming the first
 * problem and where it is, so the author can fix it.
 */
export function parseManifest(input: string | unknown, label: string): Manifest {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input);
    } catch (error) {
      throw new HostError('invalid-manifest', `the manifest of ${label} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const result = ManifestSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    throw new HostError('invalid-manifest', `the manifest of ${label} is invalid at ${where}: ${issue.message}`);
  }
  return result.data;
}
