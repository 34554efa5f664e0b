/**
 * The fetch servlet: retrieves a URL from the hosts the person granted and returns its content,
 * HTML converted to Markdown, a window at a time, like the reference `mcp-server-fetch`. It can
 * reach nothing else: every request, and every redirect hop, is checked by the host against the
 * grants, and a refusal says which grant is missing.
 */
import { defineServlet, text, tool, z } from '@mcp-wasm/sdk';
import { HttpError } from '@mcp-wasm/sdk/http';
import { fetchPage } from './fetch-page.js';
import { continuationNote, paginate } from './paginate.js';
import { failureMessage } from './refusal.js';

export default defineServlet({
  tools: [
    tool({
      name: 'fetch',
      title: 'Fetch a web page',
      description:
        'Fetches a URL and returns its content, HTML converted to Markdown. Only the hosts granted to this servlet are reachable. ' +
        'Long content is returned a window at a time: when the result says it was truncated, call again with the start_index it gives.',
      input: z.object({
        url: z.url({ protocol: /^https?$/ }).describe('URL to fetch (http or https)'),
        max_length: z.number().int().positive().lt(1_000_000).default(5000).describe('Maximum number of characters to return.'),
        start_index: z.number().int().min(0).default(0).describe('Return output starting at this character index; useful when a previous fetch was truncated.'),
        raw: z.boolean().default(false).describe('Return the content as it is, without converting HTML to Markdown.'),
      }),
      annotations: { readOnlyHint: true, openWorldHint: true },
      run: ({ url, max_length, start_index, raw }) => {
        let page;
        try {
          page = fetchPage(url, raw);
        } catch (error) {
          if (error instanceof HttpError) throw new Error(`Failed to fetch ${url}: ${failureMessage(error, url)}`);
          throw error;
        }
        const window = paginate(page.content, start_index, max_length);
        const notes = page.notes.map((note) => `<note>${note}</note>\n`).join('');
        if (window.text === '' && page.content.length > 0) {
          return { content: [text(`${notes}<error>No more content available: the content has ${window.total} characters, start_index was ${start_index}.</error>`)], isError: true };
        }
        const failed = page.status >= 400;
        const heading = failed ? `Failed to fetch ${page.url}: status code ${page.status}. The response says:` : `Contents of ${page.url}:`;
        return { content: [text(`${notes}${heading}\n${window.text}${continuationNote(window)}`)], isError: failed };
      },
    }),
  ],
});
