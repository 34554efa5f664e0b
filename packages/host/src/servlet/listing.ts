/**
 * A servlet's listing: the tool, prompt and resource-template definitions it gives, as it gives
 * them. An installed servlet's approved listing is stored at install (and at update and approve),
 * so serving it needs no instance until a client calls it; where listings are kept is the
 * adapter's business (`ListingStore`).
 */
import type { CallOptions, Servlet } from './servlet.js';
import type { WitPrompt, WitResourceTemplate, WitTool } from './wit-types.js';

/** The definitions a servlet offers to clients, as the servlet gave them. */
export interface ServletListing {
  tools: WitTool[];
  prompts: WitPrompt[];
  /** Undefined when not known (listing them failed): resource routing then asks the servlet live. */
  resourceTemplates?: WitResourceTemplate[];
}

/**
 * Where the approved listings of installed servlets are kept. A listing belongs to one component:
 * `read` gives nothing for a listing stored for another digest (the servlet was updated since).
 */
export interface ListingStore {
  /** The listing stored for servlet `name` with component `digest`, or undefined. */
  read(name: string, digest: string): Promise<ServletListing | undefined>;
  /**
   * Stores the approved listing of a servlet listed live (a home from before listings were
   * stored), so the next start needs no instance. Optional: a store may be read-only.
   */
  write?(name: string, digest: string, listing: ServletListing): Promise<void>;
}

/**
 * Lists a servlet live: tools, then every page of prompts and of resource templates, in one
 * instance (`options.session`). Tools and prompts must list; templates are left unknown when
 * listing them fails, as the gateway never needed them to serve tools and prompts.
 */
export async function listLive(servlet: Servlet, options: CallOptions = {}): Promise<ServletListing> {
  const tools = await servlet.listTools(options);
  const prompts: WitPrompt[] = [];
  let cursor: string | undefined;
  do {
    const page = await servlet.listPrompts(cursor, options);
    prompts.push(...page.prompts);
    cursor = page.nextCursor;
  } while (cursor);
  return { tools, prompts, resourceTemplates: await listTemplates(servlet, options).catch(() => undefined) };
}

async function listTemplates(servlet: Servlet, options: CallOptions): Promise<WitResourceTemplate[]> {
  const templates: WitResourceTemplate[] = [];
  let cursor: string | undefined;
  do {
    const page = await servlet.listResourceTemplates(cursor, options);
    templates.push(...page.templates);
    cursor = page.nextCursor;
  } while (cursor);
  return templates;
}
