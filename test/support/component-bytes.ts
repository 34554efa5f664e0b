/** Rewrites component bytes for tests: drop or add top-level custom sections (e.g. the embedded manifest). */
import { appendCustomSection } from '@mcp-wasm/host';

function readU32(bytes: Uint8Array, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[offset++]!;
    value |= (byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value >>> 0, offset];
    shift += 7;
  }
}

/** The component without its top-level custom sections named `name`. */
export function withoutCustomSection(bytes: Uint8Array, name: string): Uint8Array {
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let offset = 8;
  while (offset < bytes.length) {
    const start = offset;
    const id = bytes[offset++]!;
    const [size, body] = readU32(bytes, offset);
    const end = body + size;
    let drop = false;
    if (id === 0) {
      const [length, text] = readU32(bytes, body);
      drop = new TextDecoder().decode(bytes.subarray(text, text + length)) === name;
    }
    if (!drop) kept.push(bytes.subarray(start, end));
    offset = end;
  }
  return Buffer.concat(kept);
}

/** The component (or core module) with a custom section `name` holding `text` appended (a new digest, same behaviour). */
export function withCustomSection(bytes: Uint8Array, name: string, text: string): Uint8Array {
  return appendCustomSection(bytes, name, text);
}
