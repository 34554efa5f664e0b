/**
 * Pagination as the reference `mcp-server-fetch` does it: a window of `max_length` characters from
 * `start_index`, and a note saying where to continue, so a long page is read in several calls whose
 * windows join to the whole content.
 */

/** One window of a text. */
export interface Page {
  /** The characters of the window. */
  text: string;
  /** Where the next window starts, when there is more. */
  next?: number;
  /** The whole content's length, in characters. */
  total: number;
}

/**
 * The window `[start, start + maxLength)` of `content`. Indices count UTF-16 code units, as
 * JavaScript strings (and the reference server's Python slicing of str, for text within the BMP) do;
 * a window never ends between the two halves of a surrogate pair, so no character is ever split.
 */
export function paginate(content: string, start: number, maxLength: number): Page {
  let end = Math.min(content.length, start + maxLength);
  const last = content.charCodeAt(end - 1);
  if (end < content.length && end - 1 > start && last >= 0xd800 && last <= 0xdbff) end -= 1;
  const text = start >= content.length ? '' : content.slice(start, end);
  return end < content.length ? { text, next: end, total: content.length } : { text, total: content.length };
}

/** The note appended to a window that does not reach the end. */
export function continuationNote(page: Page): string {
  return page.next === undefined
    ? ''
    : `\n\n<note>Content truncated: characters ${page.next - page.text.length} to ${page.next} of ${page.total} shown. Call fetch again with start_index=${page.next} to continue.</note>`;
}
