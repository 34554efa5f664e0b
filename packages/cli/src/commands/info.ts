/** `mcp-wasm info <servlet>` and `mcp-wasm approve <servlet>`: what an installed servlet is, may do and offers; accepting changed tools. */
import type { Command } from 'commander';
import { describeGrants, describeServlet, isYes, pinsDiffer } from '@mcp-wasm/host';
import { readListing, removeListing, resolveHome, updateState, writeListing, type HomePaths, type InstalledServlet } from '@mcp-wasm/node';
import { createHost } from '../host.js';
import { requireInstalled } from '../installed.js';
import { describeToolDifference, reviewTools, type ToolReview } from '../tool-review.js';
import { askOnce } from '../tty-prompter.js';
import { UserError } from '../user-error.js';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description("show an installed servlet: identity, digest, tools, requests, grants, and tools changed since approval")
    .argument('<servlet>', 'the installed servlet')
    .option('--json', 'print the record and the tool difference as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const home = resolveHome();
      const installed = await requireInstalled(home, name);
      const review = await reviewTools(createHost({ logToStderr: true }), installed);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ ...installed, toolDifference: review.difference }, null, 2)}\n`);
        return;
      }
      const { manifest, manifestSource, format, digest, source } = installed;
      process.stdout.write(`${describeServlet({ name, manifest, manifestSource, format, digest, source, tools: review.tools })}\n\n`);
      process.stdout.write(`Granted: ${describeGrants(installed.grants).join('; ')}\n`);
      const configKeys = Object.keys(installed.config);
      if (configKeys.length > 0) process.stdout.write(`Settings set: ${configKeys.join(', ')}\n`);
      if (pinsDiffer(review.difference)) {
        process.stdout.write(`\nTools changed since you approved them (withheld from clients until approved):\n${describeToolDifference(review).join('\n')}\n`);
        process.stdout.write(`Accept them with: mcp-wasm approve ${name}\n`);
      } else {
        process.stdout.write(`\nTools: as approved (${Object.keys(installed.pins).length} pinned)\n`);
      }
    });

  program
    .command('approve')
    .description("accept an installed servlet's changed or new tool definitions, so clients see and can call them (from the next start of serve)")
    .argument('<servlet>', 'the installed servlet')
    .option('-y, --yes', 'approve without asking')
    .action(async (name: string, options: { yes?: boolean }) => {
      const home = resolveHome();
      const installed = await requireInstalled(home, name);
      const review = await reviewTools(createHost({ logToStderr: true }), installed);
      if (!pinsDiffer(review.difference)) {
        // A home from before listings were stored: store this one, so serve starts without running the servlet.
        if (review.listing && !(await readListing(home, name, installed.digest))) await storeApproved(home, installed, review);
        process.stdout.write(`${name}: its tools are as approved; nothing to approve\n`);
        return;
      }
      process.stdout.write(`Tools of ${name} changed since you approved them:\n${describeToolDifference(review).join('\n')}\n`);
      if (!options.yes) {
        const answer = await askOnce('Approve these tool definitions? [y/N] ');
        if (answer === undefined) throw new UserError('nothing was approved: there is no terminal to ask; run again with --yes after reviewing the difference above');
        if (!isYes(answer)) throw new UserError('nothing was approved: you declined');
      }
      await storeApproved(home, installed, review);
      process.stdout.write(`approved: clients see the current tools of ${name} from the next start of \`mcp-wasm serve\`\n`);
    });
}

/** Records the reviewed tools as approved: their pins in the state and the listing beside it, under the home's lock. */
async function storeApproved(home: HomePaths, installed: InstalledServlet, review: ToolReview): Promise<void> {
  const { name, digest } = installed;
  await updateState(home, async (state) => {
    const current = state.servlets[name];
    if (!current || current.digest !== digest) throw new UserError(`${name} changed meanwhile: run \`mcp-wasm info ${name}\` again`);
    current.pins = review.pins;
    // Without a whole listing, serve lists live (and withholds what does not match the pins) rather than serve an outdated one.
    if (review.listing) await writeListing(home, name, digest, review.listing);
    else await removeListing(home, name);
  });
}
