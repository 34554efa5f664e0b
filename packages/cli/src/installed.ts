/** Looking up installed servlets for the commands that act on one. */
import { readState, type HomePaths, type InstalledServlet } from '@mcp-wasm/node';
import { UserError } from './user-error.js';

/** The installed servlet `name`, or a `UserError` that says how to find the right name. */
export async function requireInstalled(home: HomePaths, name: string): Promise<InstalledServlet> {
  const installed = (await readState(home)).servlets[name];
  if (!installed) throw new UserError(`no servlet named "${name}" is installed in ${home.root}: run \`mcp-wasm list\` to see the installed ones`);
  return installed;
}
