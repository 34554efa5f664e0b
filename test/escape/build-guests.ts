/**
 * Builds every guest of the escape suite, two at a time, before the test files run (so that each
 * file's own `before` hook finds them cached). Run by scripts/run-escape.mjs.
 */
import { buildGuests, GUESTS, type GuestName } from './support.js';

const started = Date.now();
await buildGuests(Object.keys(GUESTS) as GuestName[]);
console.log(`escape suite: ${Object.keys(GUESTS).length} guests ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
