/**
 * hyper-mcp v2's host functions (`extism:host/user`): sampling (`create_message`), elicitation
 * (`create_elicitation`), roots (`list_roots`), progress, logging and list-changed notifications.
 *
 * Client features are gated exactly like a component's (`mcp-wasm:servlet/sampling`, …): off unless
 * granted, a refusal audited on the `client` slice. Extism host functions have no error value, so a
 * refusal is a host error that ends the plugin's call with the reason, as in hyper-mcp when the
 * client cannot answer. Only the fields of the MCP request cross to the client.
 */
import type { ClientFeatureContext, LiveSlice } from '../capabilities/context.js';
import type { ClientRequest } from '../capabilities/client/client-messages.js';
import { LOG_LEVELS, type LogLevel } from '../wasi/log-sink.js';
import type { InstanceSinks } from '../component/linker.js';
import type { ExtismKernel } from './kernel.js';

/** A client feature the plugin may not use, or that could not be served: its call ends with this. */
export class ClientFeatureRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClientFeatureRefused';
  }
}

const encoder = new TextEncoder();

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));
}

function parse(kernel: ExtismKernel, address: bigint, what: string): Record<string, unknown> {
  try {
    const value = JSON.parse(kernel.text(address)) as unknown;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ClientFeatureRefused(`${what}: the plugin passed something that is not a JSON object`);
}

/** Builds `extism:host/user` for one instance. */
export function createUserFunctions(kernel: ExtismKernel, sinks: InstanceSinks, client: LiveSlice<ClientFeatureContext>): Record<string, (...args: never[]) => unknown> {
  const answer = (value: unknown) => kernel.store(encoder.encode(JSON.stringify(value)));
  const ask = (feature: 'sampling' | 'elicitation', request: ClientRequest): unknown => {
    const context = client.current();
    if (!context[feature]) {
      client.deny(`${feature} request`, feature);
      throw new ClientFeatureRefused(`${feature} is not granted to this servlet; the person can grant it with \`mcp-wasm grant <servlet> --allow ${feature}\``);
    }
    if (!context.ask) throw new ClientFeatureRefused(`${feature} is granted, but this host cannot ask the client from inside a call here (it needs servlets running in workers)`);
    try {
      return context.ask(request);
    } catch (error) {
      throw new ClientFeatureRefused(`the client did not answer the ${feature} request: ${(error as Error).message}`);
    }
  };
  const functions = {
    create_message: (address: bigint) => {
      const params = parse(kernel, address, 'create_message');
      const keys = ['messages', 'systemPrompt', 'maxTokens', 'temperature', 'stopSequences', 'modelPreferences', 'includeContext', 'metadata'];
      return answer(ask('sampling', { method: 'sampling/createMessage', params: pick(params, keys) }));
    },
    create_elicitation: (address: bigint) => {
      const params = parse(kernel, address, 'create_elicitation');
      return answer(ask('elicitation', { method: 'elicitation/create', params: { mode: 'form', ...pick(params, ['message', 'requestedSchema']) } }));
    },
    list_roots: () => {
      const context = client.current();
      if (!context.roots) {
        client.deny('roots request', 'roots');
        throw new ClientFeatureRefused('roots are not granted to this servlet; the person can grant them with `mcp-wasm grant <servlet> --allow roots`');
      }
      // This host cannot ask a client for its roots from inside a call yet: an empty list, said plainly.
      return answer({ roots: [] });
    },
    notify_logging_message: (address: bigint) => {
      const params = parse(kernel, address, 'notify_logging_message');
      const level = LOG_LEVELS.includes(params.level as LogLevel) ? (params.level as LogLevel) : 'info';
      const data = typeof params.data === 'string' ? params.data : JSON.stringify(params.data ?? null);
      sinks.log(level, data, typeof params.logger === 'string' ? params.logger : undefined);
    },
    notify_progress: (address: bigint) => {
      // The plugin's progress token is ignored: progress goes to the call in progress, and no other.
      const params = parse(kernel, address, 'notify_progress');
      if (typeof params.progress !== 'number') return;
      sinks.progress(params.progress, typeof params.total === 'number' ? params.total : undefined, typeof params.message === 'string' ? params.message : undefined);
    },
    // List changes are taken up at the next start, where changed tools are held back until approved.
    notify_prompt_list_changed: () => {},
    notify_resource_list_changed: () => {},
    notify_resource_updated: () => {},
    notify_tool_list_changed: () => {},
    notify_url_elicitation_completed: () => {},
  };
  return functions as unknown as Record<string, (...args: never[]) => unknown>;
}
