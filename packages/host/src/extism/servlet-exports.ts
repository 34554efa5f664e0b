/**
 * The two Extism servlet interfaces, each presented as the `ServletExports` every servlet has, so
 * the gateway, catalog, pins, audit and limits treat a plugin exactly like a component:
 *
 * - mcp.run v0: `describe` (empty input) answers `{"tools":[…]}`; `call` takes
 *   `{"params":{"name","arguments"}}` and answers a `CallToolResult`.
 * - hyper-mcp v2: `list_tools`, `call_tool`, `list_prompts`, `get_prompt`, `list_resources`,
 *   `list_resource_templates`, `read_resource`, `complete`, each taking `{"request"?, "context"}`
 *   and answering the MCP result of the same name.
 */
import type { ServletExports } from '../servlet/instance.js';
import type { WitArgument, WitCompletionReference } from '../servlet/wit-types.js';
import type { ExtismInterface } from './abi.js';
import * as mcp from './mcp-json.js';

/** Runs one export of the plugin with JSON text input; answers its output text. */
export type RunExport = (name: string, input: string) => string;

/** An error value of the servlet (not the end of its instance), as `classifyGuestFailure` reads it. */
export class PluginCallError extends Error {
  readonly payload: { code: number; message: string };
  constructor(code: number, message: string) {
    super(message);
    this.name = 'PluginCallError';
    this.payload = { code, message };
  }
}

const INTERNAL_ERROR = -32603;
const METHOD_NOT_FOUND = -32601;

/** Parses a plugin's answer and converts it; a bad answer is an error value naming the export. */
function answer<T>(run: RunExport, name: string, input: string, convert: (value: unknown) => T): T {
  const text = run(name, input);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new PluginCallError(INTERNAL_ERROR, `the plugin's ${name} answered something that is not JSON: fix the servlet`);
  }
  try {
    return convert(value);
  } catch (error) {
    if (error instanceof mcp.PluginOutputError) throw new PluginCallError(INTERNAL_ERROR, `the plugin's ${name} answered an invalid result (${error.message}): fix the servlet`);
    throw error;
  }
}

function parseArguments(json: string): Record<string, unknown> {
  const value = JSON.parse(json) as unknown;
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** mcp.run v0: tools only. */
function mcpRunExports(run: RunExport): ServletExports {
  return {
    tools: {
      listTools: () => answer(run, 'describe', '', mcp.tools),
      callTool: (name, args) => answer(run, 'call', JSON.stringify({ params: { name, arguments: parseArguments(args) } }), mcp.callToolResult),
    },
  };
}

/** hyper-mcp v2: whatever of tools, prompts, resources and completion the plugin exports. */
function hyperMcpExports(run: RunExport, functionExports: readonly string[]): ServletExports {
  let requests = 0;
  const has = (name: string) => functionExports.includes(name);
  // Each call carries a request context, as hyper-mcp sends it; its progress token names this call.
  const input = (request?: object) => {
    const id = ++requests;
    return JSON.stringify({ ...(request ? { request } : {}), context: { id, _meta: { progressToken: id } } });
  };
  const call = <T>(name: string, request: object | undefined, convert: (value: unknown) => T, fallback?: T): T => {
    if (!has(name)) {
      if (fallback !== undefined) return fallback;
      throw new PluginCallError(METHOD_NOT_FOUND, `this plugin exports no ${name}`);
    }
    return answer(run, name, input(request), convert);
  };
  const paged = (cursor: string | undefined) => (cursor === undefined ? undefined : { cursor });
  const exports: ServletExports = {};
  if (has('list_tools') || has('call_tool')) {
    exports.tools = {
      listTools: () => call('list_tools', undefined, mcp.tools, []),
      callTool: (name, args) => call('call_tool', { name, arguments: parseArguments(args) }, mcp.callToolResult),
    };
  }
  if (has('list_prompts') || has('get_prompt')) {
    exports.prompts = {
      listPrompts: (cursor) => call('list_prompts', paged(cursor), mcp.prompts, { prompts: [] }),
      getPrompt: (name, args: WitArgument[]) => call('get_prompt', { name, arguments: Object.fromEntries(args.map((a) => [a.name, a.value])) }, mcp.promptResult),
    };
  }
  if (has('list_resources') || has('read_resource') || has('list_resource_templates')) {
    exports.resources = {
      listResources: (cursor) => call('list_resources', paged(cursor), mcp.resources, { resources: [] }),
      listResourceTemplates: (cursor) => call('list_resource_templates', paged(cursor), mcp.resourceTemplates, { templates: [] }),
      readResource: (uri) => call('read_resource', { uri }, mcp.readResourceResult),
    };
  }
  if (has('complete')) {
    exports.completion = {
      complete: (ref: WitCompletionReference, argument: WitArgument, context: WitArgument[]) =>
        call(
          'complete',
          {
            ref: ref.tag === 'prompt' ? { type: 'prompt', name: ref.val } : { type: 'resource', uri: ref.val },
            argument: { name: argument.name, value: argument.value },
            ...(context.length > 0 ? { context: { arguments: Object.fromEntries(context.map((a) => [a.name, a.value])) } } : {}),
          },
          mcp.completions,
        ),
    };
  }
  return exports;
}

/** The plugin as `ServletExports`, for the interface it implements. */
export function extismServletExports(kind: ExtismInterface, run: RunExport, functionExports: readonly string[]): ServletExports {
  return kind === 'mcp-run-v0' ? mcpRunExports(run) : hyperMcpExports(run, functionExports);
}
