import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCapabilities, liveSlice, type CapabilityContext, type Denial } from '../context.js';
import { createConfigStore } from './store.js';
import type { ConfigContext } from './types.js';

function setup(config: ConfigContext) {
  const denials: Denial[] = [];
  let context: CapabilityContext = { ...emptyCapabilities('probe', (denial) => denials.push(denial)), config };
  const store = createConfigStore(liveSlice(() => context, 'config', 'config'));
  return { store, denials, change: (next: ConfigContext) => (context = { ...context, config: next }) };
}

const granted: ConfigContext = {
  values: new Map([
    ['greeting', 'hi'],
    ['api_token', 's3cr3t-value'],
  ]),
  secretKeys: new Set(['api_token', 'other_token']),
  configKeys: new Set(['greeting', 'unset_key']),
  requestedSecretKeys: new Set(['api_token', 'other_token', 'refused_token']),
};

test('granted config keys and secrets are readable', () => {
  const { store, denials } = setup(granted);
  assert.equal(store.get('greeting'), 'hi');
  assert.equal(store.get('api_token'), 's3cr3t-value');
  assert.deepEqual(denials, []);
});

test('a granted key without a value answers none, without a denial', () => {
  const { store, denials } = setup(granted);
  assert.equal(store.get('unset_key'), undefined);
  assert.equal(store.get('other_token'), undefined, 'a granted secret that was never set');
  assert.deepEqual(denials, []);
});

test('a key that is not granted answers none and is reported under the right capability', () => {
  const { store, denials } = setup(granted);
  assert.equal(store.get('HOME'), undefined);
  assert.equal(store.get('refused_token'), undefined);
  assert.deepEqual(
    denials.map((denial) => denial.capability),
    ['config', 'secrets'],
  );
  assert.match(denials[0]!.detail, /config key "HOME"/);
  assert.match(denials[1]!.detail, /secret "refused_token"/);
});

test('a very long key is cut in the denial', () => {
  const { store, denials } = setup(granted);
  store.get('x'.repeat(10_000));
  assert.ok(denials[0]!.detail.length < 300);
});

test('get-all returns only the granted keys that have a value', () => {
  const { store } = setup(granted);
  assert.deepEqual(new Map(store.getAll()), granted.values);
});

test('an empty context grants nothing', () => {
  const { store, denials } = setup(emptyCapabilities('probe').config);
  assert.equal(store.get('greeting'), undefined);
  assert.deepEqual(store.getAll(), []);
  assert.equal(denials.length, 1);
});

test('a revoke applies to the next call', () => {
  const { store, change, denials } = setup(granted);
  assert.equal(store.get('api_token'), 's3cr3t-value');
  change({ values: new Map([['greeting', 'hi']]), secretKeys: new Set(), configKeys: new Set(['greeting']), requestedSecretKeys: new Set(['api_token']) });
  assert.equal(store.get('api_token'), undefined);
  assert.deepEqual(store.getAll(), [['greeting', 'hi']]);
  assert.equal(denials.at(-1)?.capability, 'secrets');
});
