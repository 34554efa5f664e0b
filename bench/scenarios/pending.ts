/** The scenarios of issue 8 that wait for features not landed yet; the report lists them as pending. */
import type { Pending } from '../result.js';

/** The parts of scenarios 1, 4 and 7 not measured yet, with what each waits for. */
export const PENDING: Pending[] = [
  { scenario: '7. Eval against Pyodide itself (measured here against an in-process node:vm evaluator)', waitingFor: 'Pyodide as a bench dependency' },
  { scenario: '4. Lazy start of a small (non-JavaScript) module, target < 10 ms', waitingFor: 'a C or AssemblyScript guest' },
  { scenario: '1. Warm calls with C and AssemblyScript echo servlets', waitingFor: 'C and AssemblyScript guest SDKs' },
];
