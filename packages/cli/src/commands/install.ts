/**
 * `mcp-wasm install <file|url|name>`: show what a servlet is and asks for, take the person's grants,
 * install it. A bare name is a servlet of the first-party catalog, verified against its digest first.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { describeGrants, describeServlet, escapeLine } from '@mcp-wasm/host';
import { readState, resolveHome, SERVLET_NAME, servletNameFromFile } from '@mcp-wasm/node';
import { decideGrants } from '../consent.js';
import { addGrantOptions, type GrantOptions } from '../grant-options.js';
import { checkCatalogEntry, isCatalogName, readFromCatalog } from '../catalog-source.js';
import { inspectServlet, readSidecar, readSource } from '../servlet-source.js';
import { storeServlet } from '../store-servlet.js';
import { terminalPrompter } from '../tty-prompter.js';
import { UserError } from '../user-error.js';

interface InstallOptions extends GrantOptions {
  name?: string;
  manifest?: string;
  force?: boolean;
  quiet?: boolean;
}

/** Checks a servlet name given by a person or a manifest. */
export function checkServletName(name: string): string {
  if (!SERVLET_NAME.test(name)) {
    throw new UserError(`"${escapeLine(name)}" is not a valid servlet name: use lowercase letters, digits and dashes, starting with a letter (at most 32); pass --name`);
  }
  return name;
}

export function registerInstall(program: Command): void {
  const command = program
    .command('install')
    .description('install a servlet: show its tools and requested capabilities, then grant what you accept')
    .argument('<source>', 'a component file (.wasm), an http(s) URL, or the name of a servlet of the catalog (see `mcp-wasm list --available`)')
    .option('--name <name>', 'servlet name, the prefix of its tools (default: from its manifest or file name)')
    .option('--manifest <file>', 'a sidecar manifest, for a component that carries none (shown as "not embedded")')
    .option('--force', 'replace a different servlet of the same name (prefer `mcp-wasm update`)')
    .option('--quiet', 'print only what is asked and errors');
  addGrantOptions(command).addHelpText(
    'after',
    `
Without --yes or another grant option, each capability is asked at the terminal; with no terminal
nothing is granted and the install is refused. A grant never exceeds what the servlet requests.

A bare name such as \`memory\` installs that servlet from the first-party catalog (built by
\`npm run build:servlets\`; MCP_WASM_CATALOG names another catalog file), after checking that its
component has the digest the catalog records.

Examples:
  mcp-wasm install dist/hello.wasm --yes
  mcp-wasm install filesystem --mount ~/notes:/data --yes
  mcp-wasm install notes.wasm --mount ~/notes:/data:ro --deny network
  mcp-wasm install fetch.wasm --yes --allow-host https://en.wikipedia.org`,
  );
  command.action(async (source: string, options: InstallOptions) => {
    const home = resolveHome();
    const write = (text: string) => {
      if (!options.quiet) process.stdout.write(text);
    };
    // A catalog component is verified against the catalog's digest before it is parsed or run.
    const fromCatalog = isCatalogName(source) ? await readFromCatalog(source) : undefined;
    if (fromCatalog && options.manifest) throw new UserError(`--manifest cannot be used with a catalog servlet: ${source} carries its own manifest`);
    const bytes = fromCatalog?.bytes ?? (await readSource(source));
    const label = fromCatalog?.label ?? (/^https?:/i.test(source) ? source : resolve(source));
    const servlet = await inspectServlet(home, bytes, source, await readSidecar(options.manifest));
    if (fromCatalog) checkCatalogEntry(fromCatalog.entry, servlet.manifest);
    const name = checkServletName(options.name ?? servlet.manifest.name ?? servletNameFromFile(source));
    const existing = (await readState(home)).servlets[name];
    if (existing?.digest === servlet.digest && !options.force) {
      write(`${name} is already installed with this exact component (sha256:${servlet.digest.slice(0, 16)}…); change its grants with \`mcp-wasm grant\` or \`mcp-wasm revoke\`\n`);
      return;
    }
    if (existing && !options.force) {
      throw new UserError(`a servlet named "${name}" is already installed: run \`mcp-wasm update ${name} ${fromCatalog?.location ?? source}\` to update it, or pass --name to install this one beside it`);
    }
    write(`${describeServlet({ name, manifest: servlet.manifest, manifestSource: servlet.manifestSource, format: servlet.format, digest: servlet.digest, source: label, tools: servlet.tools })}\n\n`);
    const grants = await decideGrants({ name, manifest: servlet.manifest, flags: options, prompter: terminalPrompter(), write, home });
    await storeServlet(home, name, servlet, label, grants);
    write(`installed ${name} (sha256:${servlet.digest.slice(0, 16)}…) into ${home.root}\n  granted: ${describeGrants(grants).join('; ')}\n`);
    const secrets = grants.secrets;
    if (secrets.length > 0) write(`  set its secrets with: ${secrets.map((key) => `mcp-wasm secret set ${name} ${key}`).join(', ')}\n`);
    write('  serve it with: mcp-wasm serve\n');
  });
}
