/** What changed in an installed servlet's tools since they were approved (pinned). */
import { comparePins, escapeLine, escapeText, listLive, pinTools, type PinDifference, type ServletListing, type ToolPins, type WitTool } from '@mcp-wasm/host';
import type { InstalledServlet, NodeHost } from '@mcp-wasm/node';
import { UserError } from './user-error.js';

/** The servlet's tools as it lists them now, their pins and how they differ from the approved ones. */
export interface ToolReview {
  tools: WitTool[];
  pins: ToolPins;
  difference: PinDifference;
  /** Its whole listing now, stored when approved; undefined when only its tools could be listed. */
  listing?: ServletListing;
}

/**
 * Lists an installed servlet's tools as `serve` would (with its grants, since a listing may depend
 * on its config) and compares them with its pins.
 */
export async function reviewTools(host: NodeHost, installed: InstalledServlet): Promise<ToolReview> {
  const [servlet] = await host.addInstalled([installed.name]);
  if (!servlet) throw new UserError(`servlet "${installed.name}" could not be loaded (see the warning above)`);
  let tools: WitTool[];
  let listing: ServletListing | undefined;
  try {
    listing = await listLive(servlet).catch(() => undefined);
    tools = listing?.tools ?? (await servlet.listTools());
  } catch (error) {
    throw new UserError(`servlet "${installed.name}" could not list its tools: ${(error as Error).message}`);
  } finally {
    await servlet.close();
  }
  const pins = await pinTools(tools);
  return { tools, pins, difference: comparePins(installed.pins, pins), ...(listing ? { listing } : {}) };
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
