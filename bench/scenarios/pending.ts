/** The scenarios of issue 8 that wait for features not landed yet; the report lists them as pending. */
import type { Pending } from '../result.js';

/** Scenarios 2, 6 and 7, and the parts of 1 and 4 that need other guest languages, with what each waits for. */
export const PENDING: Pending[] = [
  { scenario: '2. File reads (small and 1 MB) against server-filesystem', waitingFor: 'the first-party filesystem servlet' },
  { scenario: '6. HTTP: requests/s and latency under load, both protocol eras', waitingFor: '`mcp-wasm serve --http` (Streamable HTTP)' },
  { scenario: '7. Eval: the eval-js servlet against Pyodide (cold start, memory)', waitingFor: 'the eval-js servlet' },
  { scenario: '4. Lazy start of a small (non-JavaScript) module, target < 10 ms', waitingFor: 'a C or AssemblyScript guest' },
  { scenario: '1. Warm calls with C and AssemblyScript echo servlets', waitingFor: 'C and AssemblyScript guest SDKs' },
];
