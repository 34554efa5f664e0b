/** What changed in an installed servlet's tools since they were approved (pinned). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { comparePins, escapeLine, escapeText, pinTools, type PinDifference, type ToolPins, type WitTool } from '@mcp-wasm/host';
import type { HomePaths, InstalledServlet } from '@mcp-wasm/node';
import { inspectServlet } from './servlet-source.js';

/** The servlet's tools as it lists them now, their pins and how they differ from the approved ones. */
export interface ToolReview {
  tools: WitTool[];
  pins: ToolPins;
  difference: PinDifference;
}

/** Lists an installed servlet's tools (running it with nothing granted) and compares them with its pins. */
export async function reviewTools(home: HomePaths, installed: InstalledServlet): Promise<ToolReview> {
  const bytes = await readFile(join(home.root, installed.file));
  const sidecar = installed.manifestSource === 'sidecar' ? installed.manifest : undefined;
  const { tools } = await inspectServlet(home, bytes, `servlet "${installed.name}"`, sidecar);
  const pins = await pinTools(tools);
  return { tools, pins, difference: comparePins(installed.pins, pins) };
}

/** The difference in words, with the new definitions of changed and added tools (escaped). */
export function describeToolDifference(review: ToolReview): string[] {
  const { difference, tools } = review;
  const definition = (name: string) => {
    const tool = tools.find((t) => t.name === name)!;
    const description = tool.description ? `\n      ${escapeText(tool.description).replace(/\n/g, '\n      ')}` : '';
    return `${description}\n      input schema: ${escapeLine(tool.inputSchema)}`;
  };
  return [
    ...difference.changed.map((name) => `  changed: ${escapeLine(name)} — now:${definition(name)}`),
    ...difference.added.map((name) => `  new:     ${escapeLine(name)}${definition(name)}`),
    ...difference.removed.map((name) => `  removed: ${escapeLine(name)}`),
  ];
}
