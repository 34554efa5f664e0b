/**
 * Redaction of secret values from anything that leaves the host: tool results, log lines, errors.
 *
 * Covered: every occurrence of a secret's exact value, and of these encodings of it: URL encoding
 * (`encodeURIComponent` and form encoding, where a space is `+`), JSON string escaping (a result
 * that carries JSON as text), and base64 / base64url at any alignment inside a longer base64 text
 * (so `Basic base64(user:token)` is caught too; at an unaligned offset the first and last few
 * characters of the encoding depend on neighbouring bytes and stay visible, which does not reveal
 * the secret). Overlapping occurrences, of one secret or of several, are redacted as one span, so no
 * part of either is left between two placeholders. Object keys are redacted as well as values.
 *
 * Not covered: secrets shorter than `MIN_SECRET_LENGTH` characters (a 1-3 character value cannot be
 * told apart from ordinary text, and redacting it would garble every result; such a value is no
 * secret anyway); other encodings (hex, case changes, HTML entities, compression, encryption); a
 * secret split across several strings or fields, or transformed by the servlet. This is a net for
 * accidental echoes, not a guarantee against a servlet that sets out to leak a secret it was
 * granted; that one is stopped by what else it is granted (which hosts it may reach).
 */

/** Shortest secret value that is redacted. */
export const MIN_SECRET_LENGTH = 4;

/** Shortest encoded form (base64 core) searched for: shorter fragments match ordinary text by chance. */
const MIN_ENCODED_LENGTH = 8;

/** One text to look for, and the secret key it reveals. */
interface Needle {
  text: string;
  key: string;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The part of `bytes`' base64 encoding that is the same wherever the bytes sit in a longer input,
 * for each of the three alignments: the characters that depend on neighbouring bytes are dropped.
 */
function base64Cores(bytes: Uint8Array): string[] {
  const cores: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = new Uint8Array(shift + bytes.length);
    padded.set(bytes, shift);
    const encoded = base64(padded);
    const total = padded.length;
    const start = Math.ceil((shift * 8) / 6);
    const end = Math.floor(total / 3) * 4 + Math.floor(((total % 3) * 8) / 6);
    cores.push(encoded.slice(start, end));
  }
  return cores;
}

/** `value` URL-encoded, or itself if it cannot be (a lone surrogate makes `encodeURIComponent` throw). */
function urlEncoded(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Every form of `value` that is searched for. */
function forms(value: string): string[] {
  const exact = [value, urlEncoded(value), urlEncoded(value).replace(/%20/g, '+'), JSON.stringify(value).slice(1, -1)];
  const encoded = base64Cores(new TextEncoder().encode(value)).flatMap((core) => [core, core.replace(/\+/g, '-').replace(/\//g, '_')]);
  return [...exact, ...encoded.filter((core) => core.length >= MIN_ENCODED_LENGTH)];
}

function needlesOf(secrets: ReadonlyMap<string, string>): Needle[] {
  const needles = new Map<string, Needle>();
  for (const [key, value] of secrets) {
    if (value.length < MIN_SECRET_LENGTH) continue;
    for (const text of forms(value)) if (!needles.has(text)) needles.set(text, { text, key });
  }
  return [...needles.values()];
}

/** `text` with every span covered by a needle replaced by a placeholder naming the secrets it held. */
function redactText(text: string, needles: readonly Needle[]): string {
  const spans: { start: number; end: number; key: string }[] = [];
  for (const { text: needle, key } of needles) {
    // Advance by one, not by the needle's length: overlapping occurrences must all be found.
    for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
      spans.push({ start: at, end: at + needle.length, key });
    }
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let position = 0;
  for (let index = 0; index < spans.length; ) {
    const { start } = spans[index]!;
    let end = spans[index]!.end;
    const keys = new Set<string>();
    // Merge every span that overlaps the current one into a single placeholder.
    while (index < spans.length && spans[index]!.start < end) {
      end = Math.max(end, spans[index]!.end);
      keys.add(spans[index]!.key);
      index++;
    }
    out += `${text.slice(position, start)}[redacted secret ${[...keys].join(', ')}]`;
    position = end;
  }
  return out + text.slice(position);
}

function redactValue(value: unknown, needles: readonly Needle[]): unknown {
  if (typeof value === 'string') return redactText(value, needles);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, needles));
  // Binary data (typed arrays) is passed through: it is not text, and copying it as an object would mangle it.
  if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[redactText(key, needles)] = redactValue(item, needles);
    return copy;
  }
  return value;
}

/**
 * A deep copy of the JSON-like `value` in which every occurrence of a secret value (see the file
 * comment for which forms) is replaced by `[redacted secret <key>]`. `secrets` maps keys to values.
 * Values without cycles only, as JSON has none.
 */
export function redactSecrets<T>(value: T, secrets: ReadonlyMap<string, string>): T {
  return redactValue(value, needlesOf(secrets)) as T;
}
