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
  const encoder = new TextEncoder();
  const name = encoder.encode(MANIFEST_SECTION);
  const payload = encoder.encode(JSON.stringify(manifest));
  const body = [...encodeUnsigned(name.length), ...name];
  const size = body.length + payload.length;
  const header = [0x00, ...encodeUnsigned(size), ...body];
  const out = new Uint8Array(component.length + header.length + payload.length);
  out.set(component, 0);
  out.set(header, component.length);
  out.set(payload, component.length + header.length);
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
