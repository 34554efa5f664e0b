/**
 * Client-facing names for servlet tools and prompts: `<servlet>__<name>`, valid for every model
 * API (`^[a-zA-Z0-9_-]{1,64}$`), deterministic, and never silently shared by two tools.
 */

/** The pattern every client-facing tool name matches. */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

const SEPARATOR = '__';
const MAX_LENGTH = 64;

/** FNV-1a, 32 bits, as 8 hex digits: a short deterministic tag for names that had to be cut. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** The client-facing name of `name` in servlet `servlet`; `bare` leaves out the servlet (one servlet served). */
export function qualifiedName(servlet: string, name: string, bare = false): string {
  const raw = bare ? name : `${servlet}${SEPARATOR}${name}`;
  const safe = raw.replace(/[^a-zA-Z0-9_-]/g, '_');
  if (safe === raw && safe.length <= MAX_LENGTH) return safe;
  // Changed or cut names carry a hash of the original, so two different originals stay apart.
  return `${safe.slice(0, MAX_LENGTH - 9)}_${shortHash(raw)}`;
}

/** A name that two servlet items wanted; the first keeps it, the second is withheld. */
export interface NameCollision {
  name: string;
  kept: { servlet: string; item: string };
  withheld: { servlet: string; item: string };
}

/** Maps client-facing names to their servlet and original name, refusing duplicates. */
export class NameTable {
  private readonly entries = new Map<string, { servlet: string; item: string }>();

  /** `bare`: names without the servlet prefix, for a gateway serving one servlet. */
  constructor(private readonly bare = false) {}

  /** Registers `item` of `servlet`; returns its name, or the collision that withheld it. */
  add(servlet: string, item: string): { name: string } | { collision: NameCollision } {
    const name = qualifiedName(servlet, item, this.bare);
    const existing = this.entries.get(name);
    if (existing && (existing.servlet !== servlet || existing.item !== item)) {
      return { collision: { name, kept: existing, withheld: { servlet, item } } };
    }
    this.entries.set(name, { servlet, item });
    return { name };
  }

  /** The servlet and original name behind a client-facing name. */
  resolve(name: string): { servlet: string; item: string } | undefined {
    return this.entries.get(name);
  }
}
