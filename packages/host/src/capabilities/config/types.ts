/** The config capability's slice (config and secrets both reach a guest through `wasi:config/store`). */
export interface ConfigContext {
  /** Granted keys and their values: plain config and decrypted secrets. */
  readonly values: ReadonlyMap<string, string>;
  /** Granted secret keys (with or without a value); those in `values` are redacted wherever they could leave the host. */
  readonly secretKeys: ReadonlySet<string>;
  /**
   * Granted plain config keys, with or without a value. A granted key without a value answers none
   * quietly; any other unknown key is a refusal and is audited. When absent, only the keys of
   * `values` and `secretKeys` count as granted.
   */
  readonly configKeys?: ReadonlySet<string>;
  /**
   * Secret keys the manifest requests, granted or not, so that a refused key is audited under the
   * right capability (`secrets` rather than `config`).
   */
  readonly requestedSecretKeys?: ReadonlySet<string>;
}
