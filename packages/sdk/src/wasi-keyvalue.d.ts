/** `wasi:keyvalue/store`, imported by servlets that request storage (see storage.ts). */
declare module 'wasi:keyvalue/store@0.2.0-draft' {
  export type Error = { tag: 'no-such-store' } | { tag: 'access-denied' } | { tag: 'other'; val: string };
  export interface KeyResponse {
    keys: string[];
    cursor: bigint | undefined;
  }
  export class Bucket {
    get(key: string): Uint8Array | undefined;
    set(key: string, value: Uint8Array): void;
    delete(key: string): void;
    exists(key: string): boolean;
    listKeys(cursor: bigint | undefined): KeyResponse;
  }
  export function open(identifier: string): Bucket;
}
