/**
 * `@mcp-wasm/sdk/config`: the servlet's config values and secrets, as granted at install.
 *
 * ```ts
 * import * as config from '@mcp-wasm/sdk/config';
 * const units = config.get('units') ?? 'metric';
 * ```
 * A key must be declared in servlet.json (`capabilities.config` or `capabilities.secrets`) and
 * granted by the person; any other key reads as undefined, and the attempt is audited. Secret values
 * are redacted by the host from results and logs, but do not echo them anyway.
 */
import { get as witGet, getAll as witGetAll } from 'wasi:config/store@0.2.0-draft';
import { witErrorPayload, witErrorText } from './wit-error.js';

/** A config value could not be read: the host's configuration source failed. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function failure(what: string, error: unknown): ConfigError {
  const payload = witErrorPayload(error);
  return new ConfigError(`could not read ${what}: ${witErrorText(payload) ?? String(payload)}`);
}

/** The value of config key or secret `key`, or undefined when it is not set or not granted. */
export function get(key: string): string | undefined {
  try {
    return witGet(key);
  } catch (error) {
    throw failure(`config key "${key}"`, error);
  }
}

/** Every granted key that has a value, with its value. */
export function getAll(): Record<string, string> {
  try {
    return Object.fromEntries(witGetAll());
  } catch (error) {
    throw failure('the configuration', error);
  }
}
