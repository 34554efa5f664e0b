/** `wasi:config/store`, imported by servlets that request config keys or secrets (see config.ts). */
declare module 'wasi:config/store@0.2.0-draft' {
  export type Error = { tag: 'upstream'; val: string } | { tag: 'io'; val: string };
  export function get(key: string): string | undefined;
  export function getAll(): Array<[string, string]>;
}
