/**
 * The HTTP worker thread: answers the network capability's requests (see http-backend.ts). Names
 * resolve through the system resolver, or only through the host table it was given (tests).
 */
import { lookup } from 'node:dns/promises';
import { performRequest, type Resolver } from './http-request.js';
import { bridgeData, serveSyncBridge } from './sync-bridge.js';
import type { HttpWorkerData } from './http-backend.js';
import type { HttpBackendRequest, HttpBackendResponse } from '@mcp-wasm/host';

const systemResolver: Resolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/** Resolves only the names in `hosts`; any other name is not found, as with a DNS answer of NXDOMAIN. */
function tableResolver(hosts: Record<string, readonly string[]>): Resolver {
  return async (hostname) => {
    const addresses = hosts[hostname.toLowerCase()];
    if (!addresses?.length) throw Object.assign(new Error(`${hostname} is not in the host table`), { code: 'ENOTFOUND' });
    return [...addresses];
  };
}

const { hosts } = bridgeData<HttpWorkerData>();
const resolve = hosts ? tableResolver(hosts) : systemResolver;
serveSyncBridge<HttpBackendRequest, HttpBackendResponse>((request) => performRequest(request, resolve));
