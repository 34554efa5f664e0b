/**
 * The first mcp-wasm servlet. It shows every kind of thing a servlet can offer: a text tool, a
 * tool with structured output, a tool that reports progress, a resource, a resource template, and
 * a prompt with argument completion. It needs no capability at all.
 */
import { defineServlet, log, prompt, resource, resourceTemplate, tool, z } from '@mcp-wasm/sdk';

const LANGUAGES: Record<string, string> = { en: 'Hello', fr: 'Bonjour', de: 'Hallo', es: 'Hola', it: 'Ciao' };

export default defineServlet({
  tools: [
    tool({
      name: 'greet',
      title: 'Greet',
      description: 'Greets someone by name, optionally in another language (en, fr, de, es, it).',
      input: z.object({
        name: z.string().min(1).describe('Who to greet'),
        language: z.enum(['en', 'fr', 'de', 'es', 'it']).optional().describe('Language of the greeting (default en)'),
      }),
      annotations: { readOnlyHint: true, idempotentHint: true },
      run: ({ name, language }) => {
        log.info(`greeting ${name}`);
        return `${LANGUAGES[language ?? 'en']}, ${name}!`;
      },
    }),
    tool({
      name: 'add',
      title: 'Add',
      description: 'Adds two numbers and returns the sum as structured content.',
      input: z.object({ a: z.number().describe('First addend'), b: z.number().describe('Second addend') }),
      output: z.object({ sum: z.number() }),
      annotations: { readOnlyHint: true, idempotentHint: true },
      run: ({ a, b }) => ({ sum: a + b }),
    }),
    tool({
      name: 'count',
      title: 'Count',
      description: 'Counts from 1 to n, reporting progress on the way.',
      input: z.object({ n: z.number().int().min(1).max(1000).describe('Where to stop') }),
      run: ({ n }, { progress }) => {
        for (let i = 1; i <= n; i++) progress(i, n, `counted ${i}`);
        return `counted to ${n}`;
      },
    }),
  ],
  resources: [
    resource({
      uri: 'hello://readme',
      name: 'readme',
      title: 'About this servlet',
      mimeType: 'text/markdown',
      read: () => '# hello\n\nThe first mcp-wasm servlet: try the `greet` and `add` tools.\n',
    }),
  ],
  resourceTemplates: [
    resourceTemplate({
      uriTemplate: 'hello://greeting/{language}',
      name: 'greeting',
      title: 'The greeting word in a language',
      mimeType: 'text/plain',
      read: (uri, { language }) => {
        const word = LANGUAGES[language ?? ''];
        if (!word) throw new Error(`no greeting for language "${language}"`);
        return word;
      },
      complete: { language: (value) => Object.keys(LANGUAGES).filter((code) => code.startsWith(value)) },
    }),
  ],
  prompts: [
    prompt({
      name: 'welcome',
      title: 'Welcome someone',
      description: 'Asks the model to write a short welcome message.',
      arguments: z.object({
        name: z.string().describe('Who to welcome'),
        language: z.string().optional().describe('Language code (en, fr, de, es, it)'),
      }),
      get: ({ name, language }) => `Write a two-sentence welcome message for ${name}${language ? ` in the language "${language}"` : ''}.`,
      complete: { language: (value) => Object.keys(LANGUAGES).filter((code) => code.startsWith(value)) },
    }),
  ],
});
