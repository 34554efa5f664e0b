/**
 * HTML to Markdown, with node-html-markdown: pure JavaScript (its parser is node-html-parser), no
 * DOM needed, so it runs inside the componentize-js engine.
 *
 * That engine interprets JavaScript (no JIT) and the parser builds a tree many times the size of
 * the document, so conversion is bounded: measured in the guest, 256 KiB of dense markup takes
 * 5-10 s, 570 KB about 10-20 s, and 1 MB exhausted even 1 GiB of memory. Scripts, styles, SVG and comments
 * are removed first (the library would drop them anyway, and on real pages they are often half the
 * bytes), then at most `MAX_HTML_CHARS` of what remains is converted.
 */
import { NodeHtmlMarkdown } from 'node-html-markdown';

// node-html-markdown reads `process.env.LOG_PERF` on every call (a timing switch of its own). The
// guest has no `process`, and must not: an empty stand-in answers that one read, and hands the
// library nothing of the host (servlets never see environment variables).
const guest = globalThis as { process?: { env: Record<string, string | undefined> } };
guest.process ??= { env: {} };

/** The most characters of HTML converted (after scripts, styles, SVG and comments are removed). */
export const MAX_HTML_CHARS = 256 * 1024;

/**
 * Parts of a page that are navigation or machinery rather than content, dropped the way the
 * reference server's readability pass drops them. `<title>`, `<style>` and `<script>` are dropped
 * by the library itself.
 */
const NOT_CONTENT = 'nav,footer,aside,form,button,noscript,svg,iframe,template';

const converter = new NodeHtmlMarkdown({ maxConsecutiveNewlines: 2 }, { [NOT_CONTENT]: { ignore: true } });

/** Elements whose whole content is never text, and comments: removed before parsing, to save the parser's time. */
const NEVER_TEXT = /<!--[\s\S]*?-->|<(script|style|svg|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

/** A conversion: the Markdown, and the size of the HTML that was left out, if any. */
export interface Converted {
  markdown: string;
  /** Characters of HTML (after removing scripts and styles) that were not converted. */
  leftOut: number;
}

/** Converts an HTML document to Markdown, at most `MAX_HTML_CHARS` of it. */
export function htmlToMarkdown(html: string): Converted {
  const content = html.replace(NEVER_TEXT, '');
  const kept = content.length > MAX_HTML_CHARS ? content.slice(0, MAX_HTML_CHARS) : content;
  return { markdown: converter.translate(kept).trim(), leftOut: content.length - kept.length };
}
