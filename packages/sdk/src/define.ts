/**
 * Defining a servlet: tools with zod schemas, resources, resource templates and prompts. Only
 * what a servlet defines is offered; nothing else needs to be written.
 */
import type { z } from 'zod';
import type { ContentBlock } from './content.js';
import type { log, progress } from './host.js';

/** What a handler can use besides its input. */
export interface ToolContext {
  /** Report progress of this call. */
  progress: typeof progress;
  /** The servlet's log. */
  log: typeof log;
}

/** A complete tool result, for handlers that need full control. */
export interface ToolResult {
  content: ContentBlock[];
  structuredContent?: unknown;
  isError?: boolean;
}

/** Hints about a tool's behaviour. */
export interface ToolAnnotations {
  title?: string;
  readOnlyHint?: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

type ObjectSchema = z.ZodObject<z.ZodRawShape>;

/** What a handler of a tool without an output schema may return. */
export type PlainOutput = string | ContentBlock[] | ToolResult;

/** A tool. With `output`, the handler returns an object matching it (structured content). */
export interface Tool<I extends ObjectSchema = ObjectSchema, O extends ObjectSchema | undefined = ObjectSchema | undefined> {
  name: string;
  title?: string;
  description: string;
  input: I;
  output?: O;
  annotations?: ToolAnnotations;
  run(input: z.infer<I>, context: ToolContext): O extends ObjectSchema ? z.infer<O> : PlainOutput;
}

/** Declares a tool; the function only helps TypeScript infer the handler's types. */
export function tool<I extends ObjectSchema, O extends ObjectSchema | undefined = undefined>(definition: Tool<I, O>): Tool<I, O> {
  return definition;
}

/** A fixed resource. `read` returns text or bytes. */
export interface Resource {
  uri: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  read(): string | Uint8Array;
}

/** Declares a resource. */
export function resource(definition: Resource): Resource {
  return definition;
}

/** A family of resources under an RFC 6570 template such as `notes://{day}`. */
export interface ResourceTemplate {
  uriTemplate: string;
  name: string;
  title?: string;
  description?: string;
  mimeType?: string;
  /** Reads the resource at `uri`; `variables` holds the template's variables. */
  read(uri: string, variables: Record<string, string>): string | Uint8Array;
  /** Suggests values for a variable, given what was typed so far. */
  complete?: Record<string, (value: string) => string[]>;
}

/** Declares a resource template. */
export function resourceTemplate(definition: ResourceTemplate): ResourceTemplate {
  return definition;
}

/** A message of a rendered prompt. */
export interface PromptMessage {
  role: 'user' | 'assistant';
  content: ContentBlock;
}

type StringArguments = z.ZodObject<Record<string, z.ZodString | z.ZodOptional<z.ZodString>>>;

/** A prompt; `arguments` is an object of (optional) strings. */
export interface Prompt<A extends StringArguments = StringArguments> {
  name: string;
  title?: string;
  description?: string;
  arguments?: A;
  /** Renders the prompt: a string becomes one user message. */
  get(args: z.infer<A>): string | PromptMessage[];
  /** Suggests values for an argument, given what was typed so far and the arguments already set. */
  complete?: Record<string, (value: string, context: Record<string, string>) => string[]>;
}

/** Declares a prompt. */
export function prompt<A extends StringArguments>(definition: Prompt<A>): Prompt<A> {
  return definition;
}

/** A whole servlet. */
export interface ServletDefinition {
  tools?: Tool<ObjectSchema, ObjectSchema | undefined>[];
  resources?: Resource[];
  resourceTemplates?: ResourceTemplate[];
  prompts?: Prompt[];
}

/** Declares a servlet; export it as the module's default export. */
export function defineServlet(definition: ServletDefinition): ServletDefinition {
  return definition;
}
