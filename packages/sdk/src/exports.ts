/**
 * Turns a servlet definition into the MCP-WASM WIT exports (`tools`, `resources`, `prompts`,
 * `completion`). `mcp-wasm build` generates the component's entry module around this.
 */
import { z } from 'zod';
import { resourceContents, text, type ContentBlock } from './content.js';
import type { PlainOutput, ServletDefinition, Tool, ToolResult } from './define.js';
import { log, progress, routeConsoleToLog } from './host.js';

/** JSON-RPC codes the servlet answers with. */
const INVALID_PARAMS = -32602;
/** Resource not found: -32602 with the URI in `data`, as MCP 2026-07-28 requires. */
const RESOURCE_NOT_FOUND = -32602;
const INTERNAL_ERROR = -32603;

/** An MCP-WASM `error` value; thrown from an export, it becomes the function's error result. */
function witError(code: number, message: string): { code: number; message: string } {
  return { code, message };
}

/**
 * Whether servlet code ended an input-required round (`requireInput` of `@mcp-wasm/sdk/input`). The
 * host already recorded the round and discards what the export returns. Matched by name: importing
 * the class would make every servlet import the input interface.
 */
function isInputRequired(error: unknown): boolean {
  return error instanceof Error && error.name === 'InputRequiredSignal';
}

/** Runs `fn`; an exception thrown by servlet code becomes an internal-error value instead of a trap. */
function asWitError<T>(fn: () => T, roundEnded?: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (roundEnded && isInputRequired(error)) return roundEnded();
    if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) throw error;
    throw witError(INTERNAL_ERROR, error instanceof Error ? error.message : String(error));
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`).join('; ');
}

function isToolResult(value: unknown): value is ToolResult {
  return typeof value === 'object' && value !== null && Array.isArray((value as ToolResult).content);
}

function plainResult(output: PlainOutput) {
  if (typeof output === 'string') return { content: [text(output)], isError: false };
  if (Array.isArray(output)) return { content: output, isError: false };
  return {
    content: output.content,
    structuredContent: output.structuredContent === undefined ? undefined : JSON.stringify(output.structuredContent),
    isError: output.isError ?? false,
  };
}

function failure(message: string) {
  return { content: [text(message)], isError: true };
}

/** Matches a URI against an RFC 6570 level-1 template (`{name}` spans one path segment). */
function matchTemplate(template: string, uri: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^${}()|[\]\\]/g, (ch) => `\\${ch}`).replace(/\\\{(\w+)\\\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(uri);
  if (!match) return undefined;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}

/** The WIT exports for `servlet`. */
export function servletExports(servlet: ServletDefinition) {
  routeConsoleToLog();
  const tools = new Map((servlet.tools ?? []).map((t) => [t.name, t]));
  const prompts = new Map((servlet.prompts ?? []).map((p) => [p.name, p]));
  const context = { progress, log };

  function runTool(definition: Tool, rawArguments: string) {
    let input: unknown;
    try {
      input = JSON.parse(rawArguments);
    } catch {
      return failure(`Invalid arguments for tool ${definition.name}: not JSON`);
    }
    const parsed = definition.input.safeParse(input);
    if (!parsed.success) return failure(`Invalid arguments for tool ${definition.name}: ${describeIssues(parsed.error)}`);
    let output: unknown;
    try {
      output = definition.run(parsed.data, context);
    } catch (error) {
      if (isInputRequired(error)) return { content: [], isError: false };
      return failure(error instanceof Error ? error.message : String(error));
    }
    if (output instanceof Promise) {
      return failure(`Tool ${definition.name} returned a promise: handlers must be synchronous in this version of the SDK`);
    }
    if (!definition.output || isToolResult(output)) return plainResult(output as PlainOutput);
    const checked = definition.output.safeParse(output);
    if (!checked.success) return failure(`Tool ${definition.name} produced output that does not match its schema: ${describeIssues(checked.error)}`);
    const json = JSON.stringify(checked.data);
    return { content: [text(json)], structuredContent: json, isError: false };
  }

  return {
    tools: {
      listTools() {
        return [...tools.values()].map((t) => ({
          name: t.name,
          title: t.title,
          description: t.description,
          inputSchema: JSON.stringify(z.toJSONSchema(t.input, { io: 'input' })),
          outputSchema: t.output ? JSON.stringify(z.toJSONSchema(t.output, { io: 'output' })) : undefined,
          annotations: t.annotations,
          icons: [],
        }));
      },
      callTool(name: string, rawArguments: string) {
        const definition = tools.get(name);
        if (!definition) throw witError(INVALID_PARAMS, `Unknown tool: ${name}`);
        return runTool(definition, rawArguments);
      },
    },

    resources: {
      listResources(_cursor?: string) {
        const resources = (servlet.resources ?? []).map((r) => ({
          uri: r.uri,
          name: r.name,
          title: r.title,
          description: r.description,
          mimeType: r.mimeType,
          icons: [],
        }));
        return { resources };
      },
      listResourceTemplates(_cursor?: string) {
        const templates = (servlet.resourceTemplates ?? []).map((t) => ({
          uriTemplate: t.uriTemplate,
          name: t.name,
          title: t.title,
          description: t.description,
          mimeType: t.mimeType,
        }));
        return { templates };
      },
      readResource(uri: string) {
        return asWitError(() => {
          const fixed = servlet.resources?.find((r) => r.uri === uri);
          if (fixed) return [resourceContents(uri, fixed.read(), fixed.mimeType)];
          for (const template of servlet.resourceTemplates ?? []) {
            const variables = matchTemplate(template.uriTemplate, uri);
            if (variables) return [resourceContents(uri, template.read(uri, variables), template.mimeType)];
          }
          throw { ...witError(RESOURCE_NOT_FOUND, `Resource not found: ${uri}`), data: JSON.stringify({ uri }) };
        }, () => []);
      },
    },

    prompts: {
      listPrompts(_cursor?: string) {
        return {
          prompts: [...prompts.values()].map((p) => ({
            name: p.name,
            title: p.title,
            description: p.description,
            arguments: Object.entries(p.arguments?.shape ?? {}).map(([name, schema]) => ({
              name,
              description: schema.description,
              required: !schema.safeParse(undefined).success,
            })),
            icons: [],
          })),
        };
      },
      getPrompt(name: string, args: { name: string; value: string }[]) {
        const definition = prompts.get(name);
        if (!definition) throw witError(INVALID_PARAMS, `Unknown prompt: ${name}`);
        const input = Object.fromEntries(args.map((a) => [a.name, a.value]));
        const parsed = definition.arguments ? definition.arguments.safeParse(input) : { success: true as const, data: {} };
        if (!parsed.success) throw witError(INVALID_PARAMS, `Invalid arguments for prompt ${name}: ${describeIssues(parsed.error)}`);
        const rendered = asWitError(() => definition.get(parsed.data as never), () => []);
        const messages = typeof rendered === 'string' ? [{ role: 'user' as const, content: text(rendered) as ContentBlock }] : rendered;
        return { description: definition.description, messages };
      },
    },

    completion: {
      complete(
        ref: { tag: 'prompt' | 'resource-template'; val: string },
        argument: { name: string; value: string },
        contextArguments: { name: string; value: string }[],
      ) {
        const known = Object.fromEntries(contextArguments.map((a) => [a.name, a.value]));
        const suggest =
          ref.tag === 'prompt'
            ? prompts.get(ref.val)?.complete?.[argument.name]
            : servlet.resourceTemplates?.find((t) => t.uriTemplate === ref.val)?.complete?.[argument.name];
        const values = suggest ? asWitError(() => suggest(argument.value, known)) : [];
        return { values: values.slice(0, 100), total: values.length, hasMore: values.length > 100 };
      },
    },
  };
}
