/**
 * Builds every servlet the tests use, two at a time, before the test files run one after another:
 * a build is one CPU-heavy componentize-js run of ~13 s, and test files would otherwise build their
 * servlets one by one (C and AssemblyScript servlets build in a second or two). Cached by source
 * hash, so a warm run only hashes. Run by scripts/run-tests.mjs.
 */
import { buildGuests, GUESTS, type GuestName } from '../escape/support.js';
import { buildFromSource, SERVLET_DIRS } from './servlets.js';

const started = Date.now();
const queue = Object.values(SERVLET_DIRS);
const builder = async () => {
  for (let dir = queue.shift(); dir; dir = queue.shift()) await buildFromSource(dir);
};
await Promise.all([builder(), builder()]);
await buildGuests(Object.keys(GUESTS) as GuestName[]);
console.log(`test servlets ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
