/** search_files, get_file_info, list_allowed_directories. */
import { z, type Tool } from '@mcp-wasm/sdk';
import { readDir, stat } from '@mcp-wasm/sdk/fs';
import { minimatch } from './glob.js';
import { asNodeError } from './errors.js';
import { allowedDirectories, path, validatePath, writableAt } from './paths.js';
import { fsTool, READ_ONLY, textOutput, textResult } from './result.js';

/** Full paths below `root` whose path relative to it matches `pattern`; excluded directories are not entered. */
function search(root: string, pattern: string, excludePatterns: readonly string[]): string[] {
  const results: string[] = [];
  const visit = (current: string) => {
    for (const entry of asNodeError('scandir', [current], () => readDir(current))) {
      const full = path.join(current, entry.name);
      try {
        validatePath(full);
        const relative = path.relative(root, full);
        if (excludePatterns.some((exclude) => minimatch(relative, exclude, { dot: true }))) continue;
        if (minimatch(relative, pattern, { dot: true })) results.push(full);
        if (entry.kind === 'directory') visit(full);
      } catch {
        // an entry that cannot be checked or read is skipped, as in server-filesystem
        continue;
      }
    }
  };
  visit(root);
  return results;
}

const searchFilesTool = fsTool({
  name: 'search_files',
  title: 'Search Files',
  description:
    'Recursively search for files and directories matching a pattern. ' +
    'The patterns should be glob-style patterns that match paths relative to the working directory. ' +
    "Use pattern like '*.ext' to match files in current directory, and '**/*.ext' to match files in all subdirectories. " +
    "Returns full paths to all matching items. Great for finding files when you don't know their exact location. " +
    'Only searches within allowed directories.',
  input: z.object({ path: z.string(), pattern: z.string(), excludePatterns: z.array(z.string()).optional().default([]) }),
  output: textOutput,
  annotations: READ_ONLY,
  run: ({ path: requested, pattern, excludePatterns }) => {
    const results = search(validatePath(requested), pattern, excludePatterns);
    return textResult(results.length > 0 ? results.join('\n') : 'No matches found');
  },
});

const getFileInfoTool = fsTool({
  name: 'get_file_info',
  title: 'Get File Info',
  description:
    'Retrieve detailed metadata about a file or directory. Returns comprehensive ' +
    'information including size, creation time, last modified time, permissions, ' +
    'and type. This tool is perfect for understanding file characteristics ' +
    'without reading the actual content. Only works within allowed directories.',
  input: z.object({ path: z.string() }),
  output: textOutput,
  annotations: READ_ONLY,
  run: ({ path: requested }) => {
    const valid = validatePath(requested);
    const info = asNodeError('stat', [valid], () => stat(valid));
    const fields = {
      size: info.size,
      // WASI reports no creation time (nor mode bits): say so rather than invent one.
      created: 'unknown',
      modified: info.modified ?? 'unknown',
      accessed: info.accessed ?? 'unknown',
      isDirectory: info.kind === 'directory',
      isFile: info.kind === 'file',
      // What the grant allows, in place of the host's mode bits, which WASI does not expose.
      permissions: writableAt(valid) ? 'read-write' : 'read-only',
    };
    return textResult(Object.entries(fields).map(([key, value]) => `${key}: ${String(value)}`).join('\n'));
  },
});

const listAllowedDirectoriesTool = fsTool({
  name: 'list_allowed_directories',
  title: 'List Allowed Directories',
  description:
    'Returns the list of directories that this server is allowed to access. ' +
    'Subdirectories within these allowed directories are also accessible. ' +
    'Use this to understand which directories and their nested paths are available ' +
    'before trying to access files.',
  input: z.object({}),
  output: textOutput,
  annotations: READ_ONLY,
  run: () => {
    // The granted mounts by guest path; a read-only one says so, so the model does not try to write there.
    const dirs = allowedDirectories().map((dir) => (dir.writable ? dir.path : `${dir.path} (read-only)`));
    return textResult(`Allowed directories:\n${dirs.join('\n')}`);
  },
});

/** The other tools, in server-filesystem's order. */
export const infoTools = { searchFilesTool, getFileInfoTool, listAllowedDirectoriesTool } satisfies Record<string, Tool>;
