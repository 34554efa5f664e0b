/** Host side of `wasi:random` (random, insecure, insecure-seed). Always granted. */

/** Web Crypto refuses more than 65536 bytes per call, so larger requests are filled in chunks. */
const CHUNK = 65536;

function randomBytes(len: bigint): Uint8Array {
  const bytes = new Uint8Array(Number(len));
  for (let offset = 0; offset < bytes.length; offset += CHUNK) {
    crypto.getRandomValues(bytes.subarray(offset, offset + CHUNK));
  }
  return bytes;
}

function randomU64(): bigint {
  return new BigUint64Array(crypto.getRandomValues(new BigUint64Array(1)).buffer)[0]!;
}

/** `wasi:random/random`. */
export const random = { getRandomBytes: randomBytes, getRandomU64: randomU64 };

/** `wasi:random/insecure`: served from the secure source too; there is no reason to be weaker. */
export const insecure = { getInsecureRandomBytes: randomBytes, getInsecureRandomU64: randomU64 };

/** `wasi:random/insecure-seed`. */
export const insecureSeed = {
  insecureSeed(): [bigint, bigint] {
    return [randomU64(), randomU64()];
  },
};
