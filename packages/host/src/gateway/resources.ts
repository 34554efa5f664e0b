/**
 * Resources across servlets. Listing pages through one servlet at a time behind a gateway cursor;
 * reading routes a URI to the servlet that listed it or whose template matches it. Resource
 * templates come from a servlet's stored listing when it has one (no instance needed to route);
 * resources themselves are always listed live, as they change while a servlet runs.
 */
import { ProtocolError, UriTemplate, type ReadResourceResult, type Resource, type ResourceTemplateType as ResourceTemplate } from '@modelcontextprotocol/server';
import * as convert from '../servlet/convert.js';
import type { CallOptions, Servlet } from '../servlet/servlet.js';
import type { WitResourceTemplate } from '../servlet/wit-types.js';
import type { RequestChannel } from './request-channel.js';
import { CATALOG_SESSION } from './catalog.js';

/**
 * JSON-RPC code for "resource not found": -32602 (invalid params), as the 2026-07-28 revision
 * requires and the SDK answers on every revision, with the URI in `data`.
 */
export const RESOURCE_NOT_FOUND = -32602;

function notFound(uri: string): ProtocolError {
  return new ProtocolError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`, { uri });
}

interface GatewayCursor {
  /** Index of the servlet the page comes from. */
  s: number;
  /** That servlet's own cursor. */
  c?: string;
}

function encodeCursor(cursor: GatewayCursor): string {
  return btoa(JSON.stringify(cursor));
}

function decodeCursor(text: string | undefined): GatewayCursor {
  if (text === undefined) return { s: 0 };
  try {
    const cursor = JSON.parse(atob(text)) as GatewayCursor;
    if (Number.isInteger(cursor.s) && cursor.s >= 0 && (cursor.c === undefined || typeof cursor.c === 'string')) return cursor;
  } catch {
    // fall through to the error below
  }
  throw new ProtocolError(-32602, 'Invalid cursor: pass back the nextCursor of the previous page unchanged');
}

/** Resource listing and reading over all servlets. */
export class ResourceRouter {
  private readonly owners = new Map<string, Servlet>();
  private readonly templates: { template: UriTemplate; servlet: Servlet }[] = [];
  private templatesKnown = false;

  constructor(
    private readonly servlets: readonly Servlet[],
    /** The templates of servlets whose stored listing records them. */
    private readonly storedTemplates: () => Promise<ReadonlyMap<Servlet, WitResourceTemplate[]>> = async () => new Map(),
  ) {}

  /** Every resource template of `servlet` from the page at `cursor`: stored (one page) or listed live. */
  private async templatesOf(servlet: Servlet, cursor: string | undefined): Promise<{ templates: WitResourceTemplate[]; nextCursor?: string }> {
    const stored = (await this.storedTemplates()).get(servlet);
    return stored ? { templates: stored } : servlet.listResourceTemplates(cursor, { session: CATALOG_SESSION });
  }

  /** One page of resources, from one servlet at a time. */
  async list(cursorText: string | undefined): Promise<{ resources: Resource[]; nextCursor?: string }> {
    const { items, nextCursor } = await this.page(cursorText, async (servlet, cursor) => {
      const page = await servlet.listResources(cursor, { session: CATALOG_SESSION });
      for (const resource of page.resources) this.owners.set(resource.uri, servlet);
      return { items: page.resources.map(convert.resource), next: page.nextCursor };
    });
    return nextCursor === undefined ? { resources: items } : { resources: items, nextCursor };
  }

  /** One page of resource templates, from one servlet at a time. */
  async listTemplates(cursorText: string | undefined): Promise<{ resourceTemplates: ResourceTemplate[]; nextCursor?: string }> {
    const { items, nextCursor } = await this.page(cursorText, async (servlet, cursor) => {
      const page = await this.templatesOf(servlet, cursor);
      return { items: page.templates.map(convert.resourceTemplate), next: page.nextCursor };
    });
    return nextCursor === undefined ? { resourceTemplates: items } : { resourceTemplates: items, nextCursor };
  }

  /**
   * Reads `uri` from the servlet that owns it. `channelFor` gives the channel of the request to the
   * owning servlet's call (its log, progress and input-required round), returned with the result.
   */
  async read(
    uri: string,
    options: CallOptions,
    channelFor?: (servlet: string) => RequestChannel,
  ): Promise<{ result: ReadResourceResult; channel?: RequestChannel }> {
    const servlet = this.owners.get(uri) ?? (await this.matchTemplate(uri)) ?? (await this.findOwner(uri));
    if (!servlet) throw notFound(uri);
    const channel = channelFor?.(servlet.name);
    const contents = await servlet.readResource(uri, { ...options, ...channel?.callOptions() });
    await channel?.flush();
    if (!contents) throw notFound(uri);
    return { result: { contents: servlet.redact(convert.readResourceContents(contents)) }, channel };
  }

  /** The servlet owning a resource template, by its URI template text. */
  async templateOwner(uriTemplate: string): Promise<Servlet | undefined> {
    await this.loadTemplates();
    return this.templates.find((entry) => entry.template.toString() === uriTemplate)?.servlet;
  }

  /** The next non-empty page, walking servlet by servlet; the gateway cursor remembers where it stopped. */
  private async page<T>(
    cursorText: string | undefined,
    fetch: (servlet: Servlet, cursor: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
  ): Promise<{ items: T[]; nextCursor?: string }> {
    let cursor = decodeCursor(cursorText);
    while (cursor.s < this.servlets.length) {
      const { items, next } = await fetch(this.servlets[cursor.s]!, cursor.c);
      cursor = next ? { s: cursor.s, c: next } : { s: cursor.s + 1 };
      if (items.length > 0) {
        return cursor.s < this.servlets.length ? { items, nextCursor: encodeCursor(cursor) } : { items };
      }
    }
    return { items: [] };
  }

  private async loadTemplates(): Promise<void> {
    if (this.templatesKnown) return;
    for (const servlet of this.servlets) {
      let cursor: string | undefined;
      do {
        const page = await this.templatesOf(servlet, cursor);
        for (const t of page.templates) this.templates.push({ template: new UriTemplate(t.uriTemplate), servlet });
        cursor = page.nextCursor;
      } while (cursor);
    }
    this.templatesKnown = true;
  }

  private async matchTemplate(uri: string): Promise<Servlet | undefined> {
    await this.loadTemplates();
    return this.templates.find((entry) => entry.template.match(uri) !== null)?.servlet;
  }

  /** Last resort for a URI not seen in a listing yet: list every servlet's resources. */
  private async findOwner(uri: string): Promise<Servlet | undefined> {
    let cursor: string | undefined;
    do {
      const page = await this.list(cursor);
      cursor = page.nextCursor;
    } while (cursor && !this.owners.has(uri));
    return this.owners.get(uri);
  }
}
