/**
 * A capability context crosses from the gateway's thread to a servlet's worker without its I/O:
 * the grants travel as data, and the worker attaches its own backends and a denial reporter that
 * posts back. Nothing but the grants of the call in progress reaches the worker.
 */
import type { CapabilityContext, ClientRequest, DenialReporter } from '@mcp-wasm/host';
import type { NodeBackends } from '../capability-resolver.js';

/** A context without functions or backends: structured-cloneable. */
export interface TransferredContext {
  servlet: string;
  fs: Omit<CapabilityContext['fs'], 'backend'>;
  net: Omit<CapabilityContext['net'], 'backend'>;
  config: CapabilityContext['config'];
  kv: Omit<CapabilityContext['kv'], 'backend'>;
  client: Omit<CapabilityContext['client'], 'ask'>;
}

/** The data of `context`, for posting to a worker. */
export function transferContext(context: CapabilityContext): TransferredContext {
  const { servlet, fs, net, config, kv, client } = context;
  return {
    servlet,
    fs: { mounts: fs.mounts },
    net: { allow: net.allow, ...(net.limits ? { limits: net.limits } : {}) },
    config,
    kv: { quotaBytes: kv.quotaBytes },
    client: { sampling: client.sampling, elicitation: client.elicitation, roots: client.roots },
  };
}

/** In the worker: the context again, with the worker's own backends and its way to ask the client. */
export function receiveContext(data: TransferredContext, backends: NodeBackends, denied: DenialReporter, ask: (request: ClientRequest) => unknown): CapabilityContext {
  return {
    ...data,
    client: { ...data.client, ask },
    fs: { ...data.fs, ...(backends.fs ? { backend: backends.fs } : {}) },
    net: { ...data.net, ...(backends.http ? { backend: backends.http } : {}) },
    kv: { ...data.kv, ...(data.kv.quotaBytes > 0 && backends.kv ? { backend: backends.kv(data.servlet) } : {}) },
    denied,
  };
}
