/** The config capability's slice (config and secrets both reach a guest through `wasi:config/store`). */
export interface ConfigContext {
  /** Granted keys and their values: plain config and decrypted secrets. */
  readonly values: ReadonlyMap<string, string>;
  /** Which of `values` are secrets (redacted wherever they could leave the host). */
  readonly secretKeys: ReadonlySet<string>;
}
