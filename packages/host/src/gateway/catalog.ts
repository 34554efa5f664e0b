/**
 * The gateway's catalog: every tool and prompt of every servlet under its client-facing name,
 * built once from the servlets' own listings. Invalid definitions and name collisions are
 * reported and withheld, never silently dropped or overwritten.
 */
import type { Prompt, Tool } from '@modelcontextprotocol/server';
import type { AuditSink } from '../audit/audit.js';
import { toolPin } from '../pins/tool-pins.js';
import * as convert from '../servlet/convert.js';
import type { Servlet } from '../servlet/servlet.js';
import { NameTable } from './naming.js';

/** Listing runs in an instance of its own, never in a client's session. */
export const CATALOG_SESSION = 'catalog';

/** A tool or prompt as the gateway serves it. */
export interface CatalogEntry<T> {
  servlet: Servlet;
  /** The name the servlet knows it by. */
  original: string;
  definition: T;
}

/** Tools and prompts of all servlets. */
export class Catalog {
  readonly tools = new Map<string, CatalogEntry<Tool>>();
  readonly prompts = new Map<string, CatalogEntry<Prompt>>();

  /**
   * Lists every servlet's tools and prompts; `warn` hears about everything withheld. A servlet with
   * pins offers only tools whose definition matches its approved pin (no silent rug pulls).
   * `bareNames` serves names without the servlet prefix (the gateway allows it for one servlet only).
   */
  static async build(servlets: readonly Servlet[], warn: (message: string) => void, audit: AuditSink = () => {}, bareNames = false): Promise<Catalog> {
    const catalog = new Catalog();
    const toolNames = new NameTable(bareNames);
    const promptNames = new NameTable(bareNames);
    for (const servlet of servlets) {
      try {
        const tools = await servlet.listTools({ session: CATALOG_SESSION });
        for (const tool of tools) {
          const approved = servlet.pins?.[tool.name];
          if (servlet.pins && approved !== (await toolPin(tool))) {
            const reason = approved === undefined ? 'added' : 'changed';
            audit({ type: 'withheld', servlet: servlet.name, tool: tool.name, reason });
            warn(
              `tool "${tool.name}" of servlet "${servlet.name}" is withheld: it ${reason === 'added' ? 'is new' : 'changed'} since it was approved. ` +
                `Review the difference with \`mcp-wasm info ${servlet.name}\` and accept it with \`mcp-wasm approve ${servlet.name}\``,
            );
            continue;
          }
          const named = toolNames.add(servlet.name, tool.name);
          if ('collision' in named) {
            warn(`tool "${tool.name}" of servlet "${servlet.name}" is withheld: its name ${named.collision.name} is taken by "${named.collision.kept.item}" of servlet "${named.collision.kept.servlet}"`);
            continue;
          }
          try {
            catalog.tools.set(named.name, { servlet, original: tool.name, definition: convert.tool(tool, named.name, servlet.name) });
          } catch (error) {
            warn(`tool "${tool.name}" of servlet "${servlet.name}" is withheld: ${(error as Error).message}`);
          }
        }
        let cursor: string | undefined;
        do {
          const page = await servlet.listPrompts(cursor, { session: CATALOG_SESSION });
          for (const prompt of page.prompts) {
            const named = promptNames.add(servlet.name, prompt.name);
            if ('collision' in named) {
              warn(`prompt "${prompt.name}" of servlet "${servlet.name}" is withheld: its name ${named.collision.name} is taken`);
              continue;
            }
            catalog.prompts.set(named.name, { servlet, original: prompt.name, definition: convert.prompt(prompt, named.name) });
          }
          cursor = page.nextCursor;
        } while (cursor);
      } catch (error) {
        warn(`servlet "${servlet.name}" offers nothing: listing its tools and prompts failed: ${(error as Error).message}`);
      } finally {
        // The listing instance is not needed again: free its worker now rather than after the idle time.
        servlet.endSession(CATALOG_SESSION);
      }
    }
    return catalog;
  }
}
