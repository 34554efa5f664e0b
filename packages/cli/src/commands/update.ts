/** `mcp-wasm update <servlet> <source>`: replace an installed servlet, showing what changes in its capabilities and tools, and asking again. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { comparePins, describeGrants, describeRequests, excessGrants, pinsDiffer, pinTools, withoutCapability } from '@mcp-wasm/host';
import { resolveHome, resolveMountGrants } from '@mcp-wasm/node';
import { decideGrants } from '../consent.js';
import { addGrantOptions, hasGrantChoices, type GrantOptions } from '../grant-options.js';
import { requireInstalled } from '../installed.js';
import { inspectServlet, readSidecar, readSource } from '../servlet-source.js';
import { storeServlet } from '../store-servlet.js';
import { describeToolDifference } from '../tool-review.js';
import { terminalPrompter } from '../tty-prompter.js';

interface UpdateOptions extends GrantOptions {
  manifest?: string;
}

/** How the update page names where a manifest came from, when it is not embedded. */
const MANIFEST_SOURCES = {
  sidecar: 'NOT embedded (sidecar file)',
  inferred: 'NONE from the publisher: its requests are inferred from what the binary imports (undeclared)',
  none: 'none',
} as const;

function difference(before: string[], after: string[]): { added: string[]; removed: string[] } {
  return { added: after.filter((line) => !before.includes(line)), removed: before.filter((line) => !after.includes(line)) };
}

export function registerUpdate(program: Command): void {
  const command = program
    .command('update')
    .description('replace an installed servlet with a new version: shows the difference in capabilities and tools, asks again')
    .argument('<servlet>', 'the installed servlet')
    .argument('<source>', 'the new component file (.wasm) or http(s) URL')
    .option('--manifest <file>', 'a sidecar manifest, for a component that carries none');
  addGrantOptions(command).addHelpText(
    'after',
    '\nMounts granted before are kept when the new version still requests them (unless --mount is given).\n\nExample:\n  mcp-wasm update hello dist/hello.wasm --yes',
  );
  command.action(async (name: string, source: string, options: UpdateOptions) => {
    const home = resolveHome();
    const previous = await requireInstalled(home, name);
    const servlet = await inspectServlet(home, await readSource(source), source, await readSidecar(options.manifest));
    if (servlet.digest === previous.digest && JSON.stringify(servlet.manifest) === JSON.stringify(previous.manifest)) {
      process.stdout.write(`${name} is already this exact component (sha256:${servlet.digest.slice(0, 16)}…): nothing to update\n`);
      return;
    }
    const requests = difference(describeRequests(previous.manifest), describeRequests(servlet.manifest));
    const tools = comparePins(previous.pins, await pinTools(servlet.tools));
    const out: string[] = [`Update ${name}: sha256:${previous.digest.slice(0, 16)}… → sha256:${servlet.digest.slice(0, 16)}…`];
    if (servlet.manifestSource !== 'embedded') out.push(`  manifest: ${MANIFEST_SOURCES[servlet.manifestSource]}`);
    out.push(...requests.added.map((line) => `  asks newly to: ${line}`), ...requests.removed.map((line) => `  no longer asks to: ${line}`));
    if (requests.added.length + requests.removed.length === 0) out.push('  capabilities: unchanged');
    if (pinsDiffer(tools)) out.push('  tools:', ...describeToolDifference({ tools: servlet.tools, pins: {}, difference: tools }));
    else out.push('  tools: unchanged');
    process.stdout.write(`${out.join('\n')}\n\n`);
    let grants = await decideGrants({ name, manifest: servlet.manifest, flags: options, prompter: terminalPrompter(), write: (t) => process.stdout.write(t), home, previous: previous.grants });
    if (hasGrantChoices(options) && options.mount.length === 0) {
      // Keep the directories the person chose before, where the new version still requests them.
      const kept = previous.grants.mounts.filter((mount) => excessGrants(servlet.manifest, { ...grants, mounts: [mount] }).length === 0);
      // An undeclared network request names no origin, so --yes grants none: keep the origins the
      // person named before, while the new version still imports the network (--allow-host replaces them).
      const origins = servlet.manifest.undeclared?.network && options.allowHost.length === 0 ? previous.grants.network : grants.network;
      grants = options.deny.reduce(withoutCapability, { ...grants, mounts: kept, network: origins });
      // Kept mounts are resolved and checked again: the directory may have moved, the policy refuse it now.
      grants = resolveMountGrants(name, grants, home);
    }
    await storeServlet(home, name, servlet, /^https?:/i.test(source) ? source : resolve(source), grants);
    process.stdout.write(`updated ${name}\n  granted: ${describeGrants(grants).join('; ')}\n`);
  });
}
