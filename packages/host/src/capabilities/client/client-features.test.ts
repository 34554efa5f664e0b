import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptyCapabilities, liveSlice, type CapabilityContext, type Denial } from '../context.js';
import { CAPABILITY_DENIED, createClientFeatures } from './client-features.js';

function features(grant: Partial<CapabilityContext['client']>) {
  const denials: Denial[] = [];
  const base = emptyCapabilities('probe', (denial) => denials.push(denial));
  const context: CapabilityContext = { ...base, client: { ...base.client, ...grant } };
  return { imports: createClientFeatures(liveSlice(() => context, 'client', 'sampling')), denials };
}

function errorOf(call: () => unknown): { code: number; message: string } {
  try {
    call();
  } catch (error) {
    return error as { code: number; message: string };
  }
  assert.fail('expected an error value');
}

for (const [iface, method, feature] of [
  ['mcp-wasm:servlet/sampling', 'createMessage', 'sampling'],
  ['mcp-wasm:servlet/elicitation', 'elicit', 'elicitation'],
] as const) {
  test(`${feature} not granted: an error value naming how to grant it, and a denial`, () => {
    const { imports, denials } = features({});
    const error = errorOf(() => (imports[iface]![method] as () => unknown)());
    assert.equal(error.code, CAPABILITY_DENIED);
    assert.match(error.message, new RegExp(`${feature} is not granted to this servlet; .*mcp-wasm grant <servlet> --allow ${feature}`));
    assert.deepEqual(denials, [{ capability: feature, detail: `${feature} request` }]);
  });

  test(`${feature} granted: an error value that says the host cannot serve it yet, no denial`, () => {
    const { imports, denials } = features({ [feature]: true });
    const error = errorOf(() => (imports[iface]![method] as () => unknown)());
    assert.match(error.message, new RegExp(`${feature} is granted, but this host cannot ask the client`));
    assert.deepEqual(denials, []);
  });
}

test('upstream servers are always refused and reported', () => {
  const { imports, denials } = features({ sampling: true, elicitation: true, roots: true });
  const error = errorOf(() => (imports['mcp-wasm:servlet/upstream']!.callTool as (server: string) => unknown)('github'));
  assert.equal(error.code, CAPABILITY_DENIED);
  assert.deepEqual(denials, [{ capability: 'upstream', detail: 'upstream server "github"' }]);
});
