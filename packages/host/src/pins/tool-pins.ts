/**
 * Tool pinning against rug pulls: at install the hash of each tool's whole definition (name, title,
 * description, schemas, annotations, icons) is recorded. A tool whose definition later differs, or a
 * tool that was not there at install, is withheld from clients until the person approves it.
 */
import { sha256Hex } from '../component/compiler.js';
import type { WitTool } from '../servlet/wit-types.js';

/** Approved definitions: hash by the tool's own name. */
export type ToolPins = Record<string, string>;

/** JSON with object keys sorted, so the hash does not depend on key order. Schemas are parsed first when they are JSON. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function parsedSchema(schema: string | undefined): unknown {
  if (schema === undefined) return undefined;
  try {
    return JSON.parse(schema);
  } catch {
    return schema;
  }
}

/** The pin of one tool definition: SHA-256 over its canonical JSON. */
export async function toolPin(tool: WitTool): Promise<string> {
  const definition = { ...tool, inputSchema: parsedSchema(tool.inputSchema), outputSchema: parsedSchema(tool.outputSchema) };
  return sha256Hex(new TextEncoder().encode(canonical(definition)));
}

/** Pins for every tool of a listing. */
export async function pinTools(tools: readonly WitTool[]): Promise<ToolPins> {
  const pins: ToolPins = {};
  for (const tool of tools) pins[tool.name] = await toolPin(tool);
  return pins;
}

/** How a listing differs from the approved pins. */
export interface PinDifference {
  /** Tools whose definition changed since approval. */
  changed: string[];
  /** Tools that were not there at approval. */
  added: string[];
  /** Approved tools no longer listed. */
  removed: string[];
}

/** Compares current pins with approved ones. */
export function comparePins(approved: ToolPins, current: ToolPins): PinDifference {
  const names = (pins: ToolPins) => Object.keys(pins);
  return {
    changed: names(current).filter((name) => approved[name] !== undefined && approved[name] !== current[name]),
    added: names(current).filter((name) => approved[name] === undefined),
    removed: names(approved).filter((name) => current[name] === undefined),
  };
}

/** Whether the difference holds anything. */
export function pinsDiffer(difference: PinDifference): boolean {
  return difference.changed.length + difference.added.length + difference.removed.length > 0;
}
