/**
 * How values are shown: JSON when the value has a JSON form, otherwise a short description, and
 * `undefined` said as such. Uses the intrinsics captured when the servlet loaded, so code that
 * replaces `JSON.stringify` or `String` cannot change how its results are reported.
 */
const stringify = JSON.stringify;
const toText = String;
const isArray = Array.isArray;
const getPrototypeOf = Object.getPrototypeOf;
const ErrorClass = Error;
const MapClass = Map;
const SetClass = Set;
const PromiseClass = Promise;

/** The most characters of one shown value; beyond it the text is cut with a note. */
export const MAX_VALUE_CHARS = 100_000;

/** A value as the tool reports it. */
export interface Shown {
  /** `number`, `string`, `undefined`, `null`, `array`, `function`, or an object's class (`Object`, `Map`, ...). */
  type: string;
  text: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (isArray(value)) return 'array';
  if (typeof value !== 'object') return typeof value;
  const prototype = getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
  const name = prototype?.constructor?.name;
  return typeof name === 'string' && name !== '' ? name : 'Object';
}

/** A JSON replacer that shows what JSON would lose or refuse: bigints, functions, symbols, cycles, Map and Set. */
function replacer(): (this: unknown, key: string, value: unknown) => unknown {
  const seen = new WeakSet<object>();
  return function (_key, value) {
    if (typeof value === 'bigint') return `${toText(value)}n`;
    if (typeof value === 'function') return `[Function ${(value as { name?: string }).name || '(anonymous)'}]`;
    if (typeof value === 'symbol') return toText(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    if (value instanceof MapClass) return { '[Map]': [...value.entries()] };
    if (value instanceof SetClass) return { '[Set]': [...value.values()] };
    if (value instanceof ErrorClass) return `${value.name}: ${value.message}`;
    return value;
  };
}

function cut(text: string): string {
  return text.length <= MAX_VALUE_CHARS ? text : `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length - MAX_VALUE_CHARS} more characters not shown)`;
}

function describe(value: unknown): string {
  switch (typeof value) {
    case 'undefined':
      return 'undefined';
    case 'string':
      return stringify(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : toText(value);
    case 'bigint':
      return `${toText(value)}n`;
    case 'symbol':
      return toText(value);
    case 'function':
      return `[Function ${(value as { name?: string }).name || '(anonymous)'}]`;
    default:
      break;
  }
  if (value instanceof PromiseClass) return 'Promise { <pending> }';
  if (value instanceof ErrorClass) return `${value.name}: ${value.message}`;
  try {
    return stringify(value, replacer(), 2) ?? toText(value);
  } catch {
    try {
      return toText(value);
    } catch {
      return `[${typeOf(value)}]`;
    }
  }
}

/** Shows one value: its type and its text. */
export function show(value: unknown): Shown {
  return { type: typeOf(value), text: cut(describe(value)) };
}

/** Console arguments joined as `console.log` prints them: strings as they are, other values shown. */
export function consoleText(values: readonly unknown[]): string {
  return cut(values.map((value) => (typeof value === 'string' ? value : describe(value))).join(' '));
}
