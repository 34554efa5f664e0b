/**
 * The approved listings of installed servlets, one file per servlet: `<home>/listings/<name>.json`.
 *
 * Not in state.json: that file is read on every call whose grants may have changed and rewritten
 * on every grant, so it stays small; a listing (every tool's schemas and descriptions) can be tens
 * of kilobytes per servlet and changes only at install, update and approve. Each file records the
 * digest of the component it belongs to: a listing left from another version is ignored, never
 * served. Files are written atomically; what `serve` reads is still checked against the pins.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { comparePins, pinsDiffer, pinTools, type ListingStore, type ServletListing } from '@mcp-wasm/host';
import { writeFileAtomic } from './atomic-write.js';
import type { HomePaths } from './home.js';
import { withLock } from './lock.js';
import { readState } from './state.js';

/** The file's format. */
interface ListingFile {
  version: 1;
  name: string;
  digest: string;
  listing: ServletListing;
}

/** Path of servlet `name`'s listing. Names are checked at install (`SERVLET_NAME`), so they are safe as file names. */
export function listingFile(home: HomePaths, name: string): string {
  return join(home.listings, `${name}.json`);
}

function isListing(value: unknown): value is ServletListing {
  const listing = value as Partial<ServletListing> | null;
  return (
    typeof listing === 'object' &&
    listing !== null &&
    Array.isArray(listing.tools) &&
    Array.isArray(listing.prompts) &&
    (listing.resourceTemplates === undefined || Array.isArray(listing.resourceTemplates))
  );
}

/** The listing stored for `name` with component `digest`; undefined when there is none, it is unreadable or it belongs to another digest. */
export async function readListing(home: HomePaths, name: string, digest: string): Promise<ServletListing | undefined> {
  let file: Partial<ListingFile>;
  try {
    file = JSON.parse(await readFile(listingFile(home, name), 'utf8')) as Partial<ListingFile>;
  } catch {
    return undefined;
  }
  if (file.version !== 1 || file.name !== name || file.digest !== digest || !isListing(file.listing)) return undefined;
  return file.listing;
}

/** Stores the approved listing of `name` (component `digest`). Callers that also change the state hold the home's lock. */
export async function writeListing(home: HomePaths, name: string, digest: string, listing: ServletListing): Promise<void> {
  const file: ListingFile = { version: 1, name, digest, listing };
  await writeFileAtomic(listingFile(home, name), `${JSON.stringify(file)}\n`, 0o600);
}

/** Removes the listing of `name` (uninstall, or a version whose listing is unknown). */
export async function removeListing(home: HomePaths, name: string): Promise<void> {
  await rm(listingFile(home, name), { force: true });
}

/**
 * The home's listings as the gateway reads them. `write` keeps a listing made live by `serve` in
 * a home from before listings were stored, under the home's lock and only when the state still
 * records that component with exactly these tools approved: an `approve` or `update` that ran
 * meanwhile wins.
 */
export function homeListingStore(home: HomePaths): ListingStore {
  return {
    read: (name, digest) => readListing(home, name, digest),
    write: (name, digest, listing) =>
      withLock(home, async () => {
        const installed = (await readState(home)).servlets[name];
        if (!installed || installed.digest !== digest) return;
        if (pinsDiffer(comparePins(installed.pins, await pinTools(listing.tools)))) return;
        await writeListing(home, name, digest, listing);
      }),
  };
}
