/**
 * Preloaded into the conformance suite's process (`node --import`) by scripts/conformance.mjs: the
 * suite has no option to send credentials, so this gives its HTTP client the bearer token, as any
 * MCP client configured with the token would send it. The product's authentication stays on and
 * unchanged: the suite's requests are authenticated, not exempted.
 *
 * The token goes only to the server under test (`MCP_WASM_CONFORMANCE_ORIGIN`), never to another
 * origin. Both of the suite's HTTP clients use the global undici dispatcher: Node's built-in `fetch`
 * and the `undici.request` of its DNS-rebinding scenario (which sets its own Host and Origin; those
 * are left as they are).
 */
import { createRequire } from 'node:module';

const origin = process.env.MCP_WASM_CONFORMANCE_ORIGIN;
const token = process.env.MCP_WASM_CONFORMANCE_TOKEN;
if (!origin || !token) throw new Error('conformance-auth.mjs needs MCP_WASM_CONFORMANCE_ORIGIN and MCP_WASM_CONFORMANCE_TOKEN');

// The undici the suite itself depends on, so its `request` and Node's `fetch` share the dispatcher.
const suite = createRequire(process.env.MCP_WASM_CONFORMANCE_ENTRY ?? import.meta.url);
const { Agent, setGlobalDispatcher } = suite('undici');

/** Adds the Authorization header to `headers` in whichever form undici passes them. */
function withAuthorization(headers) {
  const value = `Bearer ${token}`;
  if (headers === undefined || headers === null) return { authorization: value };
  if (Array.isArray(headers)) {
    for (let i = 0; i < headers.length; i += 2) if (String(headers[i]).toLowerCase() === 'authorization') return headers;
    return [...headers, 'authorization', value];
  }
  if (typeof headers[Symbol.iterator] === 'function' && typeof headers !== 'string') {
    const entries = [...headers];
    return entries.some(([name]) => String(name).toLowerCase() === 'authorization') ? headers : [...entries.flat(), 'authorization', value];
  }
  return Object.keys(headers).some((name) => name.toLowerCase() === 'authorization') ? headers : { ...headers, authorization: value };
}

const authenticate = (dispatch) => (options, handler) => {
  const target = typeof options.origin === 'string' ? options.origin : options.origin?.origin;
  return dispatch(target === origin ? { ...options, headers: withAuthorization(options.headers) } : options, handler);
};

setGlobalDispatcher(new Agent().compose(authenticate));
