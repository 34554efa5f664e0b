/**
 * Text a servlet supplies (names, descriptions, schemas, purposes) is shown to a person at install
 * and in `info`. It must not be able to move the cursor, recolour the terminal, reorder what is
 * shown (bidi overrides) or hide words (zero-width and tag characters, used to smuggle
 * instructions to models). Such characters are shown as visible `\u{…}` escapes instead.
 */

/**
 * C0 and C1 controls and DEL, bidi controls, zero-width and invisible formatting characters, line
 * and paragraph separators, and Unicode tag characters.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|\u{e0000}|[\u{e0001}-\u{e007f}]/gu;

function visible(character: string): string {
  return `\\u{${character.codePointAt(0)!.toString(16).toUpperCase()}}`;
}

/** One line of untrusted text, safe to print: unsafe characters and newlines escaped. */
export function escapeLine(text: string): string {
  return text.replace(UNSAFE, visible).replace(/\n/g, '\\n');
}

/** Untrusted text that may span lines, safe to print: unsafe characters escaped, newlines kept. */
export function escapeText(text: string): string {
  return text.replace(UNSAFE, visible);
}

/** Whether `text` contains anything `escapeText` would escape (worth a warning to the person). */
export function hasHiddenCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}
