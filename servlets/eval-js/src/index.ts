/**
 * The eval-js servlet: evaluates JavaScript in the sandbox and returns the result and the console
 * output. It requests nothing of the host: no files, no network, no storage; its world does not
 * even import those interfaces, so there is nothing for the code to reach. Time and memory are
 * bounded by the host (see servlet.json for this servlet's limits).
 */
import { defineServlet, text, tool, z } from '@mcp-wasm/sdk';
import type { Captured } from './console-capture.js';
import { evaluate } from './evaluate.js';
import { installStandIns } from './sandbox-stand-ins.js';

installStandIns();

function consoleSection(captured: Captured): string {
  if (captured.lines.length === 0 && captured.dropped === 0) return '';
  const lines = captured.lines.map((line) => `[${line.level}] ${line.text}`);
  if (captured.dropped > 0) lines.push(`(${captured.dropped} more console lines not shown)`);
  return `\n\nConsole output:\n${lines.join('\n')}`;
}

function notesSection(notes: string[]): string {
  return notes.map((note) => `\n\nNote: ${note}`).join('');
}

export default defineServlet({
  tools: [
    tool({
      name: 'evaluate',
      title: 'Evaluate JavaScript',
      description:
        'Evaluates JavaScript (a script, in sloppy mode, like a browser console) in a sandbox with no files and no network, and returns ' +
        'the value of its last expression (as JSON when it has one) and what it printed with console.log/info/warn/error. ' +
        'Each call starts fresh: declarations and globals from earlier calls are gone. Evaluation is synchronous: promises are not awaited, ' +
        'timers do not fire, and import is not available. Time and memory are limited.',
      input: z.object({
        code: z.string().max(1_000_000).describe('JavaScript source; the value of its last expression statement is the result'),
      }),
      annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
      run: ({ code }) => {
        const outcome = evaluate(code);
        if (outcome.ok) {
          const result = outcome.result.type === 'undefined' ? 'Result: undefined' : `Result (${outcome.result.type}): ${outcome.result.text}`;
          return { content: [text(`${result}${consoleSection(outcome.captured)}${notesSection(outcome.notes)}`)], isError: false };
        }
        const { name, message, stack } = outcome.error;
        const trace = stack ? `\n${stack}` : '';
        return { content: [text(`Uncaught ${name ? `${name}: ` : ''}${message}${trace}${consoleSection(outcome.captured)}${notesSection(outcome.notes)}`)], isError: true };
      },
    }),
  ],
});
