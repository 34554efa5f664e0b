/**
 * Name order as Node's `localeCompare` gives it (ICU's root collation), which
 * list_directory_with_sizes of server-filesystem uses: the guest's engine has no ICU, and its
 * `localeCompare` compares code units (`Zeta` before `alpha`). This follows the root collation's
 * levels for Latin text: base letters first (punctuation, then digits, then letters, case and
 * accents ignored), then accents, then case (lower case first), then code units. Checked against
 * Node in test/e2e/servlet-filesystem.test.ts.
 */

/** Printable ASCII in root collation order, letters once (case is a later level). */
const ASCII_ORDER = "\t\n _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789abcdefghijklmnopqrstuvwxyz";
const WEIGHT = new Map([...ASCII_ORDER].map((char, index) => [char, index]));
const COMBINING_MARK = /[\u0300-\u036f]/;

interface Keys {
  primary: number[];
  secondary: string;
  tertiary: number[];
}

/** Accents as separate marks; the text as it is if the engine cannot decompose. */
function decomposed(text: string): string {
  try {
    return text.normalize('NFD');
  } catch {
    return text;
  }
}

function keysOf(text: string): Keys {
  const primary: number[] = [];
  const tertiary: number[] = [];
  let secondary = '';
  for (const char of decomposed(text)) {
    if (COMBINING_MARK.test(char)) {
      secondary += char;
      continue;
    }
    secondary += '\u0000';
    const lower = char.toLowerCase();
    // Characters outside printable ASCII come after it, by code point.
    primary.push(WEIGHT.get(lower) ?? ASCII_ORDER.length + lower.codePointAt(0)!);
    tertiary.push(char === lower ? 0 : 1);
  }
  return { primary, secondary, tertiary };
}

function compareSequences(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Negative when `a` sorts before `b`, as `a.localeCompare(b)` does in Node. */
export function compareNames(a: string, b: string): number {
  const x = keysOf(a);
  const y = keysOf(b);
  return (
    compareSequences(x.primary, y.primary) ||
    (x.secondary < y.secondary ? -1 : x.secondary > y.secondary ? 1 : 0) ||
    compareSequences(x.tertiary, y.tertiary) ||
    (a < b ? -1 : a > b ? 1 : 0)
  );
}
