/**
 * The gateway's catalog: every tool and prompt of every servlet under its client-facing name,
 * built once. An installed servlet is listed from its stored approved listing, so building the
 * catalog starts no instance; a servlet without one (run from a file, or installed before
 * listings were stored) is listed live. Invalid definitions and name collisions are reported and
 * withheld, never silently dropped or overwritten.
 */
import type { Prompt, Tool } from '@modelcontextprotocol/server';
import type { AuditSink } from '../audit/audit.js';
import { toolPin, type ToolPins } from '../pins/tool-pins.js';
import { withheldMessage, withheldReason } from '../pins/withheld.js';
import * as convert from '../servlet/convert.js';
import { listLive, type ListingStore, type ServletListing } from '../servlet/listing.js';
import type { Servlet } from '../servlet/servlet.js';
import type { WitResourceTemplate } from '../servlet/wit-types.js';
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

/** How the catalog is built. */
export interface CatalogOptions {
  /** Hears about everything withheld. */
  warn: (message: string) => void;
  audit?: AuditSink;
  /** Serve names without the servlet prefix (the gateway allows it for one servlet only). */
  bareNames?: boolean;
  /** The stored listings of installed servlets. */
  listings?: ListingStore;
}

/** Tools and prompts of all servlets. */
export class Catalog {
  readonly tools = new Map<string, CatalogEntry<Tool>>();
  readonly prompts = new Map<string, CatalogEntry<Prompt>>();
  /** Resource templates of the servlets listed from a stored listing that records them. */
  readonly templates = new Map<Servlet, WitResourceTemplate[]>();

  /**
   * Lists every servlet's tools and prompts. A servlet with pins offers only tools whose
   * definition matches its approved pin (no silent rug pulls), also from a stored listing: a
   * listing file edited behind the person's back gains nothing.
   */
  static async build(servlets: readonly Servlet[], options: CatalogOptions): Promise<Catalog> {
    const catalog = new Catalog();
    const toolNames = new NameTable(options.bareNames ?? false);
    const promptNames = new NameTable(options.bareNames ?? false);
    for (const servlet of servlets) {
      let listing: ServletListing;
      const stored = servlet.pins ? await options.listings?.read(servlet.name, servlet.digest).catch(() => undefined) : undefined;
      try {
        listing = stored ?? (await listLive(servlet, { session: CATALOG_SESSION }));
      } catch (error) {
        options.warn(`servlet "${servlet.name}" offers nothing: listing its tools and prompts failed: ${(error as Error).message}`);
        continue;
      } finally {
        // The listing instance is not needed again: free its worker now rather than after the idle time.
        if (!stored) servlet.endSession(CATALOG_SESSION);
      }
      const approved = await catalog.addTools(servlet, listing, toolNames, options);
      catalog.addPrompts(servlet, listing, promptNames, options.warn);
      if (stored && listing.resourceTemplates) catalog.templates.set(servlet, listing.resourceTemplates);
      // A home from before listings were stored: keep this listing when it is all approved, so the next start needs no instance.
      if (!stored && servlet.pins && approved && options.listings?.write) {
        await options.listings.write(servlet.name, servlet.digest, listing).catch((error: Error) => options.warn(`the listing of servlet "${servlet.name}" was not stored: ${error.message}`));
      }
    }
    return catalog;
  }

  /** Adds the servlet's approved tools; returns whether all of them were the approved ones. */
  private async addTools(servlet: Servlet, listing: ServletListing, names: NameTable, options: CatalogOptions): Promise<boolean> {
    let allApproved = true;
    const current: ToolPins = {};
    for (const tool of listing.tools) current[tool.name] = await toolPin(tool);
    for (const tool of listing.tools) {
      const reason = servlet.pins ? withheldReason(servlet.pins, current, tool.name) : undefined;
      if (reason) {
        allApproved = false;
        options.audit?.({ type: 'withheld', servlet: servlet.name, tool: tool.name, reason });
        options.warn(withheldMessage(servlet.name, tool.name, reason));
        continue;
      }
      const named = names.add(servlet.name, tool.name);
      if ('collision' in named) {
        options.warn(`tool "${tool.name}" of servlet "${servlet.name}" is withheld: its name ${named.collision.name} is taken by "${named.collision.kept.item}" of servlet "${named.collision.kept.servlet}"`);
        continue;
      }
      try {
        this.tools.set(named.name, { servlet, original: tool.name, definition: convert.tool(tool, named.name, servlet.name) });
      } catch (error) {
        options.warn(`tool "${tool.name}" of servlet "${servlet.name}" is withheld: ${(error as Error).message}`);
      }
    }
    return allApproved;
  }

  private addPrompts(servlet: Servlet, listing: ServletListing, names: NameTable, warn: (message: string) => void): void {
    for (const prompt of listing.prompts) {
      const named = names.add(servlet.name, prompt.name);
      if ('collision' in named) {
        warn(`prompt "${prompt.name}" of servlet "${servlet.name}" is withheld: its name ${named.collision.name} is taken`);
        continue;
      }
      this.prompts.set(named.name, { servlet, original: prompt.name, definition: convert.prompt(prompt, named.name) });
    }
  }
}
