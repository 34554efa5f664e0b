/** `mcp-wasm call <file.wasm|servlet> <tool> [json]`: call one tool and print its result. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { qualifiedName } from '@mcp-wasm/host';
import { readState, servletNameFromFile } from '@mcp-wasm/node';
import { addGrantOptions, type GrantOptions } from '../grant-options.js';
import { createHost } from '../host.js';
import { adHocGrants, checkInstalledMounts } from '../mount-choice.js';
import { UserError } from '../user-error.js';

function parseArguments(json: string | undefined): Record<string, unknown> {
  if (json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new UserError(`the arguments are not valid JSON: pass one JSON object, for example '{"name":"World"}'`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UserError(`the arguments must be a JSON object, for example '{"name":"World"}'`);
  }
  return value as Record<string, unknown>;
}

/** A readable rendering of a tool result: text as is, other content summarised. */
export function renderResult(result: CallToolResult): string {
  const lines = result.content.map((block) => {
    switch (block.type) {
      case 'text':
        return block.text;
      case 'image':
      case 'audio':
        return `[${block.type} ${block.mimeType}, ${Math.floor((block.data.length * 3) / 4)} bytes]`;
      case 'resource_link':
        return `[resource ${block.uri}]`;
      case 'resource':
        return 'text' in block.resource ? String(block.resource.text) : `[resource ${block.resource.uri}]`;
      default:
        return JSON.stringify(block);
    }
  });
  if (lines.length === 0 && result.structuredContent !== undefined) lines.push(JSON.stringify(result.structuredContent, null, 2));
  return lines.join('\n');
}

export function registerCall(program: Command): void {
  const command = program
    .command('call')
    .description('call one tool of a component file or an installed servlet and print the result')
    .argument('<target>', 'a component file (.wasm) or the name of an installed servlet')
    .argument('<tool>', "the tool's name")
    .argument('[json]', 'the arguments as one JSON object', undefined)
    .option('--json', 'print the whole MCP result as JSON');
  addGrantOptions(command, 'for a component file: accept what it requests (an installed servlet has its own grants)')
    .addHelpText(
      'after',
      `
The servlet's log goes to stderr. The exit code is 1 when the tool reports an error. An installed
servlet runs with its grants; a component file with nothing unless grant options are given.

Examples:
  mcp-wasm call dist/hello.wasm greet '{"name":"World"}'
  mcp-wasm call hello add '{"a":2,"b":3}' --json`,
    )
    .action(async (target: string, tool: string, json: string | undefined, options: GrantOptions & { json?: boolean }) => {
      const args = parseArguments(json);
      const host = createHost({ logToStderr: true });
      let servletName: string;
      if (target.endsWith('.wasm') || existsSync(target)) {
        const name = servletNameFromFile(target);
        servletName = (await host.addFile(target, name, (manifest) => adHocGrants(name, manifest, options, host.home))).name;
      } else {
        const installed = (await readState(host.home)).servlets[target];
        if (!installed) throw new UserError(`no servlet "${target}" is installed and no file has that name: run \`mcp-wasm list\` or give a .wasm path`);
        checkInstalledMounts(target, installed.grants, host.home);
        if ((await host.addInstalled([target])).length === 0) throw new UserError(`servlet "${target}" could not be loaded (see the warning above)`);
        servletName = target;
      }
      const catalog = await host.gateway.getCatalog();
      const name = catalog.tools.has(tool) ? tool : qualifiedName(servletName, tool);
      if (!catalog.tools.has(name)) {
        const known = [...catalog.tools.values()].map((entry) => entry.original).join(', ') || 'none';
        throw new UserError(`servlet "${servletName}" has no tool "${tool}": its tools are ${known}`);
      }
      const result = await host.gateway.callTool(name, args);
      process.stdout.write(`${options.json ? JSON.stringify(result, null, 2) : renderResult(result)}\n`);
      if (result.isError) process.exitCode = 1;
    });
}
