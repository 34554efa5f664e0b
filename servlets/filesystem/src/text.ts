/**
 * Reading text as server-filesystem does: whole files as UTF-8 (a byte-order mark is kept, as
 * Node keeps it), the first N lines, or the last N lines, reading only as much of a large file as
 * those lines need.
 */
import { readFile, readFileRange, stat } from '@mcp-wasm/sdk/fs';
import { asNodeError } from './errors.js';

const CHUNK = 64 * 1024;
const NEWLINE = 0x0a;

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.length;
  }
  return all;
}

function countNewlines(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if (byte === NEWLINE) count++;
  return count;
}

/** `\r\n` as `\n`. */
export function normalizeLineEndings(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/** Reads a range, a directory failing as Node's read of one does (without a path). */
function range(path: string, offset: number, length: number): Uint8Array {
  try {
    return asNodeError('open', [path], () => readFileRange(path, offset, length));
  } catch (error) {
    if ((error as Error).message.startsWith('EISDIR')) throw new Error('EISDIR: illegal operation on a directory, read');
    throw error;
  }
}

/** The whole file. */
export function readBytes(path: string): Uint8Array {
  try {
    return asNodeError('open', [path], () => readFile(path));
  } catch (error) {
    if ((error as Error).message.startsWith('EISDIR')) throw new Error('EISDIR: illegal operation on a directory, read');
    throw error;
  }
}

/** The whole file as text. */
export function readText(path: string): string {
  return decode(readBytes(path));
}

/** The first `lines` lines (a final line without a newline counts), joined by `\n`. */
export function headLines(path: string, lines: number): string {
  const chunks: Uint8Array[] = [];
  let newlines = 0;
  for (let offset = 0; ; ) {
    const bytes = range(path, offset, CHUNK);
    chunks.push(bytes);
    offset += bytes.length;
    newlines += countNewlines(bytes);
    if (newlines >= lines || bytes.length < CHUNK) break;
  }
  const pieces = decode(concat(chunks)).split('\n');
  const rest = pieces.pop() ?? '';
  const result: string[] = [];
  for (const line of pieces) {
    if (result.length >= lines) break;
    result.push(line);
  }
  // The text after the last newline is a line only when the file ends there (it was read to the end).
  if (rest.length > 0 && result.length < lines) result.push(rest);
  return result.join('\n');
}

/** The last `lines` lines, line endings normalised; a file ending in a newline ends with an empty line, as in server-filesystem. */
export function tailLines(path: string, lines: number): string {
  const size = asNodeError('stat', [path], () => stat(path)).size;
  if (size === 0) return '';
  const chunks: Uint8Array[] = [];
  let newlines = 0;
  for (let position = size; position > 0 && newlines < lines; ) {
    const length = Math.min(CHUNK, position);
    position -= length;
    const bytes = range(path, position, length);
    if (bytes.length === 0) break;
    chunks.unshift(bytes);
    newlines += countNewlines(bytes);
  }
  return normalizeLineEndings(decode(concat(chunks))).split('\n').slice(-lines).join('\n');
}
