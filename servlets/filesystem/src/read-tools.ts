/** read_text_file (and its deprecated alias read_file), read_media_file, read_multiple_files. */
import { z, type Tool } from '@mcp-wasm/sdk';
import { stat } from '@mcp-wasm/sdk/fs';
import { mediaContent } from './media.js';
import { validatePath } from './paths.js';
import { formatSize, fsTool, READ_ONLY, textOutput, textResult } from './result.js';
import { headLines, readBytes, readText, tailLines } from './text.js';

const readTextInput = z.object({
  path: z.string(),
  tail: z.number().optional().describe('If provided, returns only the last N lines of the file'),
  head: z.number().optional().describe('If provided, returns only the first N lines of the file'),
});

/**
 * The most text returned whole. A result carries the text twice (content and structured content);
 * the servlet may return 10 MiB (servlet.json) and the SDK clients read at most 10 MB a message.
 */
const WHOLE_TEXT_LIMIT = 4 * 1024 * 1024;

/** Whether `file` is too large to return whole (a file that cannot be statted fails later, with the read's own error). */
function tooLarge(file: string): number | undefined {
  try {
    const { size } = stat(file);
    return size > WHOLE_TEXT_LIMIT ? size : undefined;
  } catch {
    return undefined;
  }
}

function readTextFile({ path, head, tail }: z.infer<typeof readTextInput>) {
  const valid = validatePath(path);
  if (head && tail) throw new Error('Cannot specify both head and tail parameters simultaneously');
  // `if (tail)` as in server-filesystem: 0 means "the whole file".
  if (tail) return textResult(tailLines(valid, tail));
  if (head) return textResult(headLines(valid, head));
  const size = tooLarge(valid);
  if (size !== undefined) {
    throw new Error(`File too large to return whole: ${valid} is ${formatSize(size)}, more than ${formatSize(WHOLE_TEXT_LIMIT)}; read it in parts with head or tail`);
  }
  return textResult(readText(valid));
}

const readFileTool = fsTool({
  name: 'read_file',
  title: 'Read File (Deprecated)',
  description: 'Read the complete contents of a file as text. DEPRECATED: Use read_text_file instead.',
  input: readTextInput,
  output: textOutput,
  annotations: READ_ONLY,
  run: readTextFile,
});

const readTextFileTool = fsTool({
  name: 'read_text_file',
  title: 'Read Text File',
  description:
    'Read the complete contents of a file from the file system as text. ' +
    'Handles various text encodings and provides detailed error messages ' +
    'if the file cannot be read. Use this tool when you need to examine ' +
    "the contents of a single file. Use the 'head' parameter to read only " +
    "the first N lines of a file, or the 'tail' parameter to read only " +
    'the last N lines of a file. Operates on the file as text regardless of extension. ' +
    'Only works within allowed directories.',
  input: readTextInput,
  output: textOutput,
  annotations: READ_ONLY,
  run: readTextFile,
});

const mediaBlock = z.union([
  z.object({ type: z.enum(['image', 'audio']), data: z.string(), mimeType: z.string() }),
  z.object({ type: z.literal('resource'), resource: z.object({ uri: z.string(), mimeType: z.string().optional(), blob: z.string() }) }),
]);

const readMediaFileTool = fsTool({
  name: 'read_media_file',
  title: 'Read Media File',
  description:
    'Read a file and return it as a base64-encoded content block with its MIME type. ' +
    'Image and audio files are returned as image/audio content; any other file type is ' +
    'returned as an embedded resource. Only works within allowed directories.',
  input: z.object({ path: z.string() }),
  output: z.object({ content: z.array(mediaBlock) }),
  annotations: READ_ONLY,
  run: ({ path }) => {
    const valid = validatePath(path);
    const { block, wire } = mediaContent(valid, readBytes(valid));
    return { content: [block], structuredContent: { content: [wire] } };
  },
});

const readMultipleFilesTool = fsTool({
  name: 'read_multiple_files',
  title: 'Read Multiple Files',
  description:
    'Read the contents of multiple files simultaneously. This is more ' +
    'efficient than reading files one by one when you need to analyze ' +
    "or compare multiple files. Each file's content is returned with its " +
    "path as a reference. Failed reads for individual files won't stop " +
    'the entire operation. Only works within allowed directories.',
  input: z.object({
    paths: z
      .array(z.string())
      .min(1)
      .describe('Array of file paths to read. Each path must be a string pointing to a valid file within allowed directories.'),
  }),
  output: textOutput,
  annotations: READ_ONLY,
  run: ({ paths }) => {
    const results = paths.map((path) => {
      try {
        return `${path}:\n${readText(validatePath(path))}\n`;
      } catch (error) {
        return `${path}: Error - ${error instanceof Error ? error.message : String(error)}`;
      }
    });
    return textResult(results.join('\n---\n'));
  },
});

/** The reading tools, in server-filesystem's order. */
export const readTools: Tool[] = [readFileTool, readTextFileTool, readMediaFileTool, readMultipleFilesTool];
