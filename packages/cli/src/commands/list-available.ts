/**
 * `mcp-wasm list --available`: the servlets of the first-party catalog, what each requests in plain
 * words, and whether it is installed. Everything from the catalog is escaped before printing: the
 * catalog is a file on disk that anyone who can write there could edit.
 */
import { describeRequests, escapeLine, escapeText } from '@mcp-wasm/host';
import { readState, type HomePaths } from '@mcp-wasm/node';
import { catalogPath, requireCatalog, type CatalogEntry } from '../catalog.js';

/** Whether an entry is installed: not at all, with this very component, or with another one. */
type InstallState = 'not installed' | 'installed' | 'installed, another build';

function installState(entry: CatalogEntry, installed: { digest: string } | undefined): InstallState {
  if (!installed) return 'not installed';
  return installed.digest === entry.digest ? 'installed' : 'installed, another build';
}

function render(entry: CatalogEntry, state: InstallState): string {
  const lines = [`${escapeLine(entry.name)}${entry.version ? ` ${escapeLine(entry.version)}` : ''}  (${state})`];
  if (entry.description) lines.push(...escapeText(entry.description).split('\n').map((line) => `  ${line}`));
  const requests = describeRequests({ capabilities: entry.capabilities });
  if (requests.length === 0) lines.push('  asks for no capabilities: no files, no network, no secrets, no storage');
  else lines.push('  asks to:', ...requests.map((line) => `    - ${line}`));
  lines.push(`  sha256:${entry.digest}`);
  if (state === 'not installed') lines.push(`  install: mcp-wasm install ${escapeLine(entry.name)}`);
  if (state === 'installed, another build') lines.push(`  update:  mcp-wasm update ${escapeLine(entry.name)} <its component> (the installed build differs from the catalog's)`);
  return lines.join('\n');
}

/** Prints the catalog (as JSON with `json`). */
export async function listAvailable(home: HomePaths, json: boolean): Promise<void> {
  const path = catalogPath();
  const catalog = await requireCatalog(path);
  const installed = (await readState(home)).servlets;
  if (json) {
    const entries = catalog.servlets.map((entry) => ({ ...entry, installed: installState(entry, installed[entry.name]) }));
    process.stdout.write(`${JSON.stringify(entries, null, 2)}\n`);
    return;
  }
  if (catalog.servlets.length === 0) {
    process.stdout.write(`the catalog ${path} lists no servlets: run \`npm run build:servlets\`\n`);
    return;
  }
  process.stdout.write(`Servlets of the catalog ${path}:\n\n`);
  process.stdout.write(`${catalog.servlets.map((entry) => render(entry, installState(entry, installed[entry.name]))).join('\n\n')}\n`);
}
