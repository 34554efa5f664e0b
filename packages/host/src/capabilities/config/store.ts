/**
 * Host side of `wasi:config/store`: a servlet reads its granted config keys and secrets, and nothing
 * else. The live slice is read on every call, so a revoke applies to the very next `get`.
 */
import type { LiveSlice } from '../context.js';
import type { ConfigContext } from './types.js';

/** Longest key quoted in a denial: a guest could pass anything, and the audit log must stay readable. */
const MAX_KEY_IN_DENIAL = 128;

/** The `wasi:config/store` interface as jco expects it (results: return the ok value). */
export interface ConfigStore {
  get(key: string): string | undefined;
  getAll(): [string, string][];
}

/** Whether `key` was granted to the servlet, with or without a value. */
function isGranted(config: ConfigContext, key: string): boolean {
  return config.values.has(key) || config.secretKeys.has(key) || (config.configKeys?.has(key) ?? false);
}

/** Builds `wasi:config/store` for one instance, reading `slice` on every call. */
export function createConfigStore(slice: LiveSlice<ConfigContext>): ConfigStore {
  return {
    get(key) {
      const config = slice.current();
      if (isGranted(config, key)) return config.values.get(key);
      // Answer exactly as for a granted key that has no value, so a guest cannot probe which keys
      // exist on the host; the person still sees the attempt in the audit log.
      const kind = config.requestedSecretKeys?.has(key) ? 'secrets' : 'config';
      const shown = key.length > MAX_KEY_IN_DENIAL ? `${key.slice(0, MAX_KEY_IN_DENIAL)}…` : key;
      slice.deny(`${kind === 'secrets' ? 'secret' : 'config key'} ${JSON.stringify(shown)}, which is not granted`, kind);
      return undefined;
    },
    getAll() {
      // `values` holds granted keys only: the adapter builds it from the grants.
      return [...slice.current().values];
    },
  };
}
