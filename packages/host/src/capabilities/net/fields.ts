/**
 * The `fields` resource of `wasi:http/types` (headers and trailers). Names are kept lower-case
 * (HTTP field names are case-insensitive). Headers that decide where a request goes or how it is
 * framed (`host`, `connection`, `transfer-encoding`, ...) are forbidden to the guest: the host
 * derives them from the checked URL and the body, so a guest cannot send a request to a granted
 * address that claims to be for another host, or smuggle a second request.
 */

/** The `header-error` variant, as jco throws it. */
type HeaderError = { tag: 'invalid-syntax' } | { tag: 'forbidden' } | { tag: 'immutable' };

import { FORBIDDEN_HEADERS, HTTP_TOKEN } from './http-syntax.js';

function checkName(name: string): string {
  if (!HTTP_TOKEN.test(name)) throw { tag: 'invalid-syntax' } satisfies HeaderError;
  const lower = name.toLowerCase();
  if (FORBIDDEN_HEADERS.has(lower)) throw { tag: 'forbidden' } satisfies HeaderError;
  return lower;
}

function checkValue(value: Uint8Array): Uint8Array {
  // No CR, LF or NUL (request splitting); no leading or trailing whitespace (RFC 9110 field-value).
  for (const byte of value) {
    if (byte === 0 || byte === 0x0a || byte === 0x0d) throw { tag: 'invalid-syntax' } satisfies HeaderError;
  }
  if (value.length > 0 && (isSpace(value[0]!) || isSpace(value[value.length - 1]!))) throw { tag: 'invalid-syntax' } satisfies HeaderError;
  return value;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09;
}

/** HTTP fields: an ordered list of name/value pairs. */
export class Fields {
  private entryList: [string, Uint8Array][] = [];
  private immutable = false;

  /** `from-list`: fields holding `entries`; fails like `append` on a bad entry. */
  static fromList(entries: [string, Uint8Array][]): Fields {
    const fields = new Fields();
    for (const [name, value] of entries) fields.append(name, value);
    return fields;
  }

  /** Fields the guest cannot change (host-created), holding `entries` as given (not re-checked). */
  static locked(entries: readonly (readonly [string, Uint8Array])[]): Fields {
    const fields = new Fields();
    fields.entryList = entries.map(([name, value]) => [name.toLowerCase(), value]);
    fields.immutable = true;
    return fields;
  }

  get(name: string): Uint8Array[] {
    const lower = name.toLowerCase();
    return this.entryList.filter(([key]) => key === lower).map(([, value]) => value.slice());
  }

  has(name: string): boolean {
    const lower = name.toLowerCase();
    return this.entryList.some(([key]) => key === lower);
  }

  set(name: string, values: Uint8Array[]): void {
    this.checkMutable();
    const lower = checkName(name);
    const checked = values.map(checkValue);
    this.entryList = this.entryList.filter(([key]) => key !== lower);
    for (const value of checked) this.entryList.push([lower, value.slice()]);
  }

  delete(name: string): void {
    this.checkMutable();
    const lower = checkName(name);
    this.entryList = this.entryList.filter(([key]) => key !== lower);
  }

  append(name: string, value: Uint8Array): void {
    this.checkMutable();
    this.entryList.push([checkName(name), checkValue(value).slice()]);
  }

  entries(): [string, Uint8Array][] {
    return this.entryList.map(([name, value]) => [name, value.slice()]);
  }

  /** A mutable copy. */
  clone(): Fields {
    const copy = new Fields();
    copy.entryList = this.entries();
    return copy;
  }

  /** An immutable copy, for `headers()` getters (the guest owns each handle it gets). */
  lockedCopy(): Fields {
    return Fields.locked(this.entryList);
  }

  private checkMutable(): void {
    if (this.immutable) throw { tag: 'immutable' } satisfies HeaderError;
  }
}
