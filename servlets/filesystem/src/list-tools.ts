/** list_directory, list_directory_with_sizes, directory_tree. */
import { z, type Tool } from '@mcp-wasm/sdk';
import { readDir, stat, type DirEntry } from '@mcp-wasm/sdk/fs';
import { minimatch } from './glob.js';
import { compareNames } from './collate.js';
import { asNodeError } from './errors.js';
import { path, validatePath } from './paths.js';
import { formatSize, fsTool, READ_ONLY, textOutput, textResult } from './result.js';

/** The entries of a directory, in name order (as Node's readdir gives them). */
function entriesOf(dir: string): DirEntry[] {
  return asNodeError('scandir', [dir], () => readDir(dir));
}

const label = (entry: DirEntry) => (entry.kind === 'directory' ? '[DIR]' : '[FILE]');

const listDirectoryTool = fsTool({
  name: 'list_directory',
  title: 'List Directory',
  description:
    'Get a detailed listing of all files and directories in a specified path. ' +
    'Results clearly distinguish between files and directories with [FILE] and [DIR] ' +
    'prefixes. This tool is essential for understanding directory structure and ' +
    'finding specific files within a directory. Only works within allowed directories.',
  input: z.object({ path: z.string() }),
  output: textOutput,
  annotations: READ_ONLY,
  run: ({ path: requested }) => textResult(entriesOf(validatePath(requested)).map((entry) => `${label(entry)} ${entry.name}`).join('\n')),
});

const listDirectoryWithSizesTool = fsTool({
  name: 'list_directory_with_sizes',
  title: 'List Directory with Sizes',
  description:
    'Get a detailed listing of all files and directories in a specified path, including sizes. ' +
    'Results clearly distinguish between files and directories with [FILE] and [DIR] ' +
    'prefixes. This tool is useful for understanding directory structure and ' +
    'finding specific files within a directory. Only works within allowed directories.',
  input: z.object({
    path: z.string(),
    sortBy: z.enum(['name', 'size']).optional().default('name').describe('Sort entries by name or size'),
  }),
  output: textOutput,
  annotations: READ_ONLY,
  run: ({ path: requested, sortBy }) => {
    const dir = validatePath(requested);
    const entries = entriesOf(dir).map((entry) => {
      let size = 0;
      try {
        size = stat(path.join(dir, entry.name)).size;
      } catch {
        // listed with size 0, as server-filesystem lists what it cannot stat
      }
      return { ...entry, size, isDirectory: entry.kind === 'directory' };
    });
    const sorted = [...entries].sort((a, b) => (sortBy === 'size' ? b.size - a.size : compareNames(a.name, b.name)));
    const lines = sorted.map((e) => `${label(e)} ${e.name.padEnd(30)} ${e.isDirectory ? '' : formatSize(e.size).padStart(10)}`);
    const files = entries.filter((e) => !e.isDirectory);
    const total = files.reduce((sum, e) => sum + e.size, 0);
    const summary = ['', `Total: ${files.length} files, ${entries.length - files.length} directories`, `Combined size: ${formatSize(total)}`];
    return textResult([...lines, ...summary].join('\n'));
  },
});

interface TreeEntry {
  name: string;
  type: 'file' | 'directory';
  children?: TreeEntry[];
}

/** server-filesystem's exclusion rule: a pattern with `*` is a glob; a plain name also matches at any depth and below. */
function excluded(relative: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) =>
    pattern.includes('*')
      ? minimatch(relative, pattern, { dot: true })
      : minimatch(relative, pattern, { dot: true }) || minimatch(relative, `**/${pattern}`, { dot: true }) || minimatch(relative, `**/${pattern}/**`, { dot: true }),
  );
}

function buildTree(root: string, current: string, excludePatterns: readonly string[]): TreeEntry[] {
  const dir = validatePath(current);
  const result: TreeEntry[] = [];
  for (const entry of entriesOf(dir)) {
    const child = path.join(dir, entry.name);
    if (excluded(path.relative(root, child), excludePatterns)) continue;
    if (entry.kind === 'directory') result.push({ name: entry.name, type: 'directory', children: buildTree(root, child, excludePatterns) });
    else result.push({ name: entry.name, type: 'file' });
  }
  return result;
}

const directoryTreeTool = fsTool({
  name: 'directory_tree',
  title: 'Directory Tree',
  description:
    'Get a recursive tree view of files and directories as a JSON structure. ' +
    "Each entry includes 'name', 'type' (file/directory), and 'children' for directories. " +
    'Files have no children array, while directories always have a children array (which may be empty). ' +
    'The output is formatted with 2-space indentation for readability. Only works within allowed directories.',
  input: z.object({ path: z.string(), excludePatterns: z.array(z.string()).optional().default([]) }),
  output: textOutput,
  annotations: READ_ONLY,
  run: ({ path: requested, excludePatterns }) => {
    const root = validatePath(requested);
    return textResult(JSON.stringify(buildTree(root, root, excludePatterns), null, 2));
  },
});

/** The listing tools, in server-filesystem's order. */
export const listTools = { listDirectoryTool, listDirectoryWithSizesTool, directoryTreeTool } satisfies Record<string, Tool>;
