/**
 * edit_file's matching, as server-filesystem does it: each edit replaces the first exact
 * occurrence of its old text; failing that, a run of lines equal once leading and trailing
 * whitespace is ignored, keeping the indentation found in the file. The result is shown as a
 * unified diff (the `diff` package, as theirs) in a fenced block.
 */
import { createTwoFilesPatch } from 'diff';
import { normalizeLineEndings } from './text.js';

/** One replacement. */
export interface Edit {
  oldText: string;
  newText: string;
}

function leadingWhitespace(line: string | undefined): string {
  return line?.match(/^\s*/)?.[0] || '';
}

/** `content` with `edit` applied by whitespace-flexible line matching, or undefined when no lines match. */
function applyByLines(content: string, oldText: string, newText: string): string | undefined {
  const oldLines = oldText.split('\n');
  const contentLines = content.split('\n');
  for (let i = 0; i <= contentLines.length - oldLines.length; i++) {
    const candidate = contentLines.slice(i, i + oldLines.length);
    if (!oldLines.every((oldLine, j) => oldLine.trim() === candidate[j]!.trim())) continue;
    const originalIndent = leadingWhitespace(contentLines[i]);
    const newLines = newText.split('\n').map((line, j) => {
      if (j === 0) return originalIndent + line.trimStart();
      // Later lines keep their indentation relative to the old text's.
      const oldIndent = leadingWhitespace(oldLines[j]);
      const newIndent = leadingWhitespace(line);
      if (oldIndent && newIndent) return originalIndent + ' '.repeat(Math.max(0, newIndent.length - oldIndent.length)) + line.trimStart();
      return line;
    });
    contentLines.splice(i, oldLines.length, ...newLines);
    return contentLines.join('\n');
  }
  return undefined;
}

/** `original` (line endings normalised) with every edit applied in order; throws naming the first edit that matches nothing. */
export function applyEdits(original: string, edits: readonly Edit[]): string {
  let modified = normalizeLineEndings(original);
  for (const edit of edits) {
    const oldText = normalizeLineEndings(edit.oldText);
    const newText = normalizeLineEndings(edit.newText);
    if (modified.includes(oldText)) {
      modified = modified.replace(oldText, () => newText);
      continue;
    }
    const byLines = applyByLines(modified, oldText, newText);
    if (byLines === undefined) throw new Error(`Could not find exact match for edit:\n${edit.oldText}`);
    modified = byLines;
  }
  return modified;
}

/** The unified diff from `before` to `after` for `file`, fenced with enough backticks to hold it. */
export function fencedDiff(file: string, before: string, after: string): string {
  const diff = createTwoFilesPatch(file, file, normalizeLineEndings(before), normalizeLineEndings(after), 'original', 'modified');
  let fence = '```';
  while (diff.includes(fence)) fence += '`';
  return `${fence}diff\n${diff}${fence}\n\n`;
}
