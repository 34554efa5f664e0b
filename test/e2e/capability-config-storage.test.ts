/**
 * Config, secrets and storage with a real component (test/fixtures/servlets/config-probe), loaded
 * with the real compiler and given contexts built from the real secret store and storage backend in
 * a temporary home: granted keys are readable and others refused and audited, secrets reach their
 * servlet and no other, storage persists across instances, its quota and its grant are enforced,
 * and one servlet never sees another's storage.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { emptyCapabilities, loadServlet, parseManifest, type CapabilityContext, type Denial, type Servlet } from '@mcp-wasm/host';
import { JcoCompiler, kvBackends, resolveHome, SecretStore } from '@mcp-wasm/node';
import { builtServlet, SERVLET_DIRS } from '../support/servlets.js';

const manifest = parseManifest(readFileSync(join(SERVLET_DIRS['config-probe']!, 'servlet.json'), 'utf8'), 'config-probe');
const home = resolveHome({ MCP_WASM_HOME: mkdtempSync(join(tmpdir(), 'mcp-wasm-config-storage-')) });
const compiler = new JcoCompiler(home.transpileCache);
const secrets = new SecretStore(home);
const storage = kvBackends(home);
let bytes: Uint8Array;

/** What a test grants a servlet; the rest of what it requests is refused. */
interface ProbeGrants {
  config?: Record<string, string | undefined>;
  secrets?: string[];
  storage?: boolean;
}

/** A context for servlet `name`, built the way the Node host builds one: values from the home, storage from its backend. */
function context(name: string, grants: ProbeGrants, denials: Denial[], backends = storage): CapabilityContext {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(grants.config ?? {})) if (value !== undefined) values.set(key, value);
  for (const [key, value] of secrets.readSecrets(name, grants.secrets ?? [])) values.set(key, value);
  return {
    ...emptyCapabilities(name, (denial) => denials.push(denial)),
    config: {
      values,
      secretKeys: new Set(grants.secrets),
      configKeys: new Set(Object.keys(grants.config ?? {})),
      requestedSecretKeys: new Set(manifest.capabilities.secrets?.map((entry) => entry.key)),
    },
    kv: grants.storage ? { quotaBytes: manifest.capabilities.storage!.quotaBytes!, backend: backends(name) } : { quotaBytes: 0 },
  };
}

/**
 * Loads the probe as servlet `name` (a new instance); `grants()` is asked at every call, so a test
 * may change it between calls.
 */
async function probe(name: string, grants: () => ProbeGrants, backends = storage) {
  const denials: Denial[] = [];
  const servlet: Servlet = await loadServlet({ name, bytes, compiler, log: () => {}, capabilities: () => context(name, grants(), denials, backends) });
  async function call(tool: string, args: object = {}): Promise<{ ok?: unknown; error?: { name: string; code?: string; message: string } }> {
    const result = await servlet.callTool(tool, JSON.stringify(args));
    const first = result.content[0];
    assert.ok(!result.isError && first?.tag === 'text', JSON.stringify(result));
    return JSON.parse(first.val.text);
  }
  return { servlet, call, denials };
}

before(async () => {
  bytes = await readFile(await builtServlet('config-probe'));
});

test('granted config keys are readable; others read as none and are audited', async () => {
  const { call, denials } = await probe('config-reader', () => ({ config: { greeting: 'bonjour', units: undefined } }));
  assert.deepEqual(await call('read_config', { key: 'greeting' }), { ok: 'bonjour' });
  assert.deepEqual(await call('read_config', { key: 'units' }), { ok: null }, 'granted, but no value');
  assert.deepEqual(denials, [], 'reading granted keys is no refusal');
  assert.deepEqual(await call('read_config', { key: 'region' }), { ok: null }, 'requested, not granted');
  assert.deepEqual(await call('read_config', { key: 'HOME' }), { ok: null }, 'never requested: no environment variable leaks through');
  assert.deepEqual(await call('read_config', { key: 'spare_token' }), { ok: null });
  assert.deepEqual(denials, [
    { capability: 'config', detail: 'config key "region", which is not granted' },
    { capability: 'config', detail: 'config key "HOME", which is not granted' },
    { capability: 'secrets', detail: 'secret "spare_token", which is not granted' },
  ]);
  assert.deepEqual(await call('all_config'), { ok: ['greeting'] });
});

test('a secret reaches the servlet it was set for, and no other servlet', async () => {
  await secrets.setSecret('secret-owner', 'api_token', 'tok-owner-1234567890');
  await secrets.setSecret('secret-owner', 'spare_token', 'tok-spare-1234567890');
  const owner = await probe('secret-owner', () => ({ secrets: ['api_token'] }));
  assert.deepEqual(await owner.call('check_secret', { key: 'api_token', expected: 'tok-owner-1234567890' }), { ok: { present: true, matches: true } });
  assert.deepEqual(await owner.call('check_secret', { key: 'spare_token', expected: 'tok-spare-1234567890' }), { ok: { present: false, matches: false } }, 'set, but not granted');
  assert.deepEqual(owner.denials.map((denial) => denial.capability), ['secrets', 'secrets']);
  assert.ok(!JSON.stringify(owner.denials).includes('tok-'), 'no secret value in a denial');

  // Same code, another servlet granted the same key name: it has no value for it.
  const other = await probe('secret-other', () => ({ secrets: ['api_token'] }));
  assert.deepEqual(await other.call('check_secret', { key: 'api_token', expected: 'tok-owner-1234567890' }), { ok: { present: false, matches: false } });
  assert.deepEqual(other.denials, []);
});

test('storage persists across instances and is invisible to another servlet', async () => {
  const first = await probe('keeper', () => ({ storage: true }));
  assert.deepEqual(await first.call('store', { key: 'note', value: { text: 'remember me' } }), { ok: null });
  assert.deepEqual(await first.call('store', { key: 'other', value: 'x', bucket: 'side' }), { ok: null });

  // A new instance with a new backend: what it reads comes from the file on disk.
  const again = await probe('keeper', () => ({ storage: true }), kvBackends(home));
  assert.deepEqual(await again.call('recall', { key: 'note' }), { ok: { text: 'remember me' } });
  assert.deepEqual(await again.call('notes'), { ok: { keys: ['note'], firstExists: true } });
  assert.deepEqual(await again.call('notes', { bucket: 'side' }), { ok: { keys: ['other'], firstExists: true } });

  const stranger = await probe('stranger', () => ({ storage: true }));
  assert.deepEqual(await stranger.call('recall', { key: 'note' }), { ok: null });
  assert.deepEqual(await stranger.call('notes'), { ok: { keys: [], firstExists: false } });
  assert.deepEqual(await stranger.call('notes', { bucket: 'side' }), { ok: { keys: [], firstExists: false } });

  assert.deepEqual(await again.call('forget', { key: 'note' }), { ok: null });
  assert.deepEqual(await again.call('recall', { key: 'note' }), { ok: null });
});

test('a write beyond the quota is refused with a message saying how to raise it', async () => {
  const { call, denials } = await probe('quota-probe', () => ({ storage: true }));
  assert.deepEqual(await call('store', { key: 'small', value: 'fits' }), { ok: null });
  const refused = await call('store', { key: 'big', value: 'x'.repeat(300) });
  assert.equal(refused.error?.name, 'StorageError');
  assert.equal(refused.error?.code, 'other');
  assert.match(refused.error!.message, /quota of 256 bytes/);
  assert.match(refused.error!.message, /storage\.quotaBytes/);
  assert.deepEqual(await call('recall', { key: 'big' }), { ok: null }, 'nothing was written');
  assert.equal(denials.length, 1);
  assert.equal(denials[0]!.capability, 'storage');
});

test('storage not granted is refused, also for a bucket opened before the revoke', async () => {
  let grants: ProbeGrants = {};
  const { call, denials } = await probe('unstored', () => grants);
  const refused = await call('store', { key: 'k', value: 1 });
  assert.equal(refused.error?.code, 'access-denied');
  assert.match(refused.error!.message, /storage is not granted/);
  assert.deepEqual(denials, [{ capability: 'storage', detail: 'open bucket "default": storage is not granted' }]);

  grants = { storage: true };
  assert.deepEqual(await call('store', { key: 'k', value: 1 }), { ok: null });
  grants = {};
  const revoked = await call('recall', { key: 'k' });
  assert.equal(revoked.error?.code, 'access-denied', 'the bucket the instance kept open is refused too');
  assert.equal(denials.length, 2);
});
