/** Tool results in server-filesystem's shape: the text, and the same text as `{ content }` structured content. */
import { text, z, type Tool, type ToolAnnotations, type ToolResult } from '@mcp-wasm/sdk';

/** The output schema of every tool but read_media_file. */
export const textOutput = z.object({ content: z.string() });

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** A tool whose handler builds its whole result (content and structured content). */
export interface FsTool<I extends ObjectSchema> {
  name: string;
  title: string;
  description: string;
  input: I;
  output: ObjectSchema;
  annotations: ToolAnnotations;
  run(input: z.infer<I>): ToolResult;
}

/**
 * Declares a tool that returns a complete `ToolResult` although it has an output schema: the SDK
 * passes such a result through unchanged, but its `tool()` types expect the structured object alone.
 */
export function fsTool<I extends ObjectSchema>(definition: FsTool<I>): Tool {
  return definition as unknown as Tool;
}

/** `value` as text content and as `{ content: value }`. */
export function textResult(value: string): ToolResult {
  return { content: [text(value)], structuredContent: { content: value } };
}

/** Annotations of tools that only read. */
export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };

/** Bytes in B, KB, MB… with two decimals, as server-filesystem writes them. */
export function formatSize(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  if (bytes <= 0) return '0 B';
  const i = Math.floor(Math.log(bytes) / Math.log(1024));
  if (i <= 0) return `${bytes} ${units[0]}`;
  const unit = Math.min(i, units.length - 1);
  return `${(bytes / Math.pow(1024, unit)).toFixed(2)} ${units[unit]}`;
}
