/** write_file, edit_file, create_directory, move_file: each needs a directory granted read-write. */
import { z, type Tool } from '@mcp-wasm/sdk';
import { mkdir, rename, stat, writeFile } from '@mcp-wasm/sdk/fs';
import { applyEdits, fencedDiff } from './edit.js';
import { asNodeError } from './errors.js';
import { validatePath } from './paths.js';
import { fsTool, textOutput, textResult } from './result.js';
import { readText } from './text.js';

/**
 * Writes in place, which keeps the file's permission bits (WASI cannot set them, so the
 * write-then-rename of server-filesystem would lose them, for example an executable's).
 */
function writeText(file: string, content: string): void {
  asNodeError('open', [file], () => writeFile(file, content));
}

const writeFileTool = fsTool({
  name: 'write_file',
  title: 'Write File',
  description:
    'Create a new file or completely overwrite an existing file with new content. ' +
    'Use with caution as it will overwrite existing files without warning. ' +
    'Handles text content with proper encoding. Only works within allowed directories.',
  input: z.object({ path: z.string(), content: z.string() }),
  output: textOutput,
  annotations: { readOnlyHint: false, idempotentHint: true, destructiveHint: true, openWorldHint: false },
  run: ({ path, content }) => {
    writeText(validatePath(path, 'write'), content);
    return textResult(`Successfully wrote to ${path}`);
  },
});

const editFileTool = fsTool({
  name: 'edit_file',
  title: 'Edit File',
  description:
    'Make line-based edits to a text file. Each edit replaces exact line sequences ' +
    'with new content. Returns a git-style diff showing the changes made. ' +
    'Only works within allowed directories.',
  input: z.object({
    path: z.string(),
    edits: z.array(
      z.object({
        oldText: z.string().describe('Text to search for - must match exactly'),
        newText: z.string().describe('Text to replace with'),
      }),
    ),
    dryRun: z.boolean().default(false).describe('Preview changes using git-style diff format'),
  }),
  output: textOutput,
  annotations: { readOnlyHint: false, idempotentHint: false, destructiveHint: true, openWorldHint: false },
  run: ({ path, edits, dryRun }) => {
    // A dry run only reads, so it works in a directory granted read-only too.
    const valid = validatePath(path, dryRun ? 'read' : 'write');
    const original = readText(valid);
    const modified = applyEdits(original, edits);
    const diff = fencedDiff(valid, original, modified);
    if (!dryRun) writeText(valid, modified);
    return textResult(diff);
  },
});

const createDirectoryTool = fsTool({
  name: 'create_directory',
  title: 'Create Directory',
  description:
    'Create a new directory or ensure a directory exists. Can create multiple ' +
    'nested directories in one operation. If the directory already exists, ' +
    'this operation will succeed silently. Perfect for setting up directory ' +
    'structures for projects or ensuring required paths exist. Only works within allowed directories.',
  input: z.object({ path: z.string() }),
  output: textOutput,
  annotations: { readOnlyHint: false, idempotentHint: true, destructiveHint: false, openWorldHint: false },
  run: ({ path }) => {
    const valid = validatePath(path, 'write');
    asNodeError('mkdir', [valid], () => mkdir(valid, { recursive: true }));
    return textResult(`Successfully created directory ${path}`);
  },
});

/** Whether anything (a file, a directory, a symbolic link) is at `file`. */
function occupied(file: string): boolean {
  try {
    asNodeError('lstat', [file], () => stat(file));
    return true;
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('ENOENT:')) return false;
    throw error;
  }
}

const moveFileTool = fsTool({
  name: 'move_file',
  title: 'Move File',
  description:
    'Move or rename files and directories. Can move files between directories ' +
    'and rename them in a single operation. If the destination exists, the ' +
    'operation will fail. Works across different directories and can be used ' +
    'for simple renaming within the same directory. Both source and destination must be within allowed directories.',
  input: z.object({ source: z.string(), destination: z.string() }),
  output: textOutput,
  annotations: { readOnlyHint: false, idempotentHint: false, destructiveHint: true, openWorldHint: false },
  run: ({ source, destination }) => {
    const from = validatePath(source, 'write');
    const to = validatePath(destination, 'write');
    // Never replace: the tool promises to fail when the destination exists.
    if (occupied(to)) throw new Error(`Destination already exists: ${to}`);
    asNodeError('rename', [from, to], () => rename(from, to));
    return textResult(`Successfully moved ${source} to ${destination}`);
  },
});

/** The writing tools, in server-filesystem's order. */
export const writeTools = { writeFileTool, editFileTool, createDirectoryTool, moveFileTool } satisfies Record<string, Tool>;
