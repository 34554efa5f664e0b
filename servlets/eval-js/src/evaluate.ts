/**
 * Evaluating one piece of code: in sloppy mode like a browser console, its declarations local to
 * the call, its console output captured, the globals restored afterwards, its result or error shown.
 */
import { captureConsole, type Captured } from './console-capture.js';
import { show, type Shown } from './format.js';
import { GlobalsBaseline } from './globals-reset.js';
import { refusal } from './static-check.js';

/**
 * A direct `eval` inside a function made by the Function constructor: such a function is never
 * strict (the servlet's own module code is), so the code runs as a script would in a browser
 * console, and its `var`, `let`, `const`, function and class declarations live in this call's
 * scope instead of the global object, so the next call starts without them.
 */
const evaluateSloppy = new Function('return eval(arguments[0])') as (source: string) => unknown;

/** What an evaluation gave. */
export type Outcome =
  | { ok: true; result: Shown; captured: Captured; notes: string[] }
  | { ok: false; error: { name: string; message: string; stack?: string }; captured: Captured; notes: string[] };

let baseline: GlobalsBaseline | undefined;

/**
 * The stack frames of the evaluated code, named after it (`<eval>:line:column`), without the
 * servlet's own frames, which say nothing about the code.
 */
function evaluatedFrames(stack: string): string | undefined {
  const frames = stack
    .split('\n')
    .filter((line) => line.includes('> eval:'))
    .map((line) => line.replace(/@.*> eval:/, '@<eval>:'));
  return frames.length > 0 ? frames.join('\n') : undefined;
}

function describeError(error: unknown): { name: string; message: string; stack?: string } {
  try {
    return errorParts(error);
  } catch {
    return { name: '', message: '(a thrown value that cannot be shown: reading it threw)' };
  }
}

function errorParts(error: unknown): { name: string; message: string; stack?: string } {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { name, message, stack } = error as { name?: unknown; message?: unknown; stack?: unknown };
    const frames = typeof stack === 'string' ? evaluatedFrames(stack) : undefined;
    return { name: typeof name === 'string' ? name : 'Error', message: String(message), ...(frames ? { stack: frames } : {}) };
  }
  return { name: '', message: `${show(error).text} (a thrown value that is not an Error)` };
}

/** Evaluates `source` and reports its result or error, and what it printed. */
export function evaluate(source: string): Outcome {
  // Taken at the first call, once the SDK has set the globals up (its console routing included).
  baseline ??= new GlobalsBaseline();
  const refused = refusal(source);
  if (refused) return { ok: false, error: { name: 'NotAvailable', message: refused }, captured: { lines: [], dropped: 0 }, notes: [] };
  const run = captureConsole(() => evaluateSloppy(source));
  const notes: string[] = [];
  // Shown before the globals are restored: a value may depend on globals the code set.
  const outcome: Outcome =
    'value' in run
      ? { ok: true, result: show(run.value), captured: run.captured, notes }
      : { ok: false, error: describeError(run.error), captured: run.captured, notes };
  if (outcome.ok && outcome.result.type === 'Promise') {
    notes.push('The result is a promise: evaluation is synchronous, so it is not awaited, and its callbacks run only after the call has returned.');
  }
  const stuck = baseline.restore();
  if (stuck > 0) notes.push(`${stuck} changes to built-in objects could not be undone and stay for the rest of this session.`);
  return outcome;
}
