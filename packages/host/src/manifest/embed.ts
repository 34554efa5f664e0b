/**
 * The manifest travels inside the component as a top-level custom section, so the component's
 * digest (and any signature over it) covers what the servlet requests. Custom sections have no
 * meaning to the engine, so adding one changes nothing else about the component.
 */
import type { ComponentInfo } from '../component/binary.js';
import { encodeUnsigned } from '../component/byte-reader.js';
import { HostError } from '../errors.js';
import { parseManifest, type Manifest } from './manifest.js';

/** Name of the custom section holding the manifest as UTF-8 JSON. */
export const MANIFEST_SECTION = 'mcp-wasm:manifest';

/** Returns `component` with `manifest` appended as the manifest custom section. */
export function embedManifest(component: Uint8Array, manifest: Manifest): Uint8Array {
  return appendCustomSection(component, MANIFEST_SECTION, JSON.stringify(manifest));
}

/** Returns `binary` (a component or a core module: the encoding is the same) with a custom section `name` holding `text` appended. */
export function appendCustomSection(binary: Uint8Array, name: string, text: string): Uint8Array {
  const encoder = new TextEncoder();
  const nameBytes = encoder.encode(name);
  const payload = encoder.encode(text);
  const body = [...encodeUnsigned(nameBytes.length), ...nameBytes];
  const header = [0x00, ...encodeUnsigned(body.length + payload.length), ...body];
  const out = new Uint8Array(binary.length + header.length + payload.length);
  out.set(binary, 0);
  out.set(header, binary.length);
  out.set(payload, binary.length + header.length);
  return out;
}

/**
 * The manifest embedded in a component, or undefined when it carries none. Two manifest sections
 * are refused: which one a tool reads would otherwise decide what the person is shown.
 */
export function readEmbeddedManifest(info: ComponentInfo, label: string): Manifest | undefined {
  if (info.repeatedSections.has(MANIFEST_SECTION)) {
    throw new HostError('invalid-manifest', `${label} carries more than one manifest: rebuild it with \`mcp-wasm build\``);
  }
  const bytes = info.customSections.get(MANIFEST_SECTION);
  if (!bytes) return undefined;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new HostError('invalid-manifest', `the manifest of ${label} is not UTF-8 text`);
  }
  return parseManifest(text, label);
}
