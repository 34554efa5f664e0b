import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatOriginPattern, originMatches, parseOriginPattern, patternCovers, type OriginPattern } from './pattern.js';

function parse(text: string): OriginPattern {
  const pattern = parseOriginPattern(text);
  if (typeof pattern === 'string') throw new Error(pattern);
  return pattern;
}

const matches = (pattern: string, url: string) => originMatches(parse(pattern), new URL(url));

test('parses origins with default and explicit ports, in canonical form', () => {
  assert.deepEqual(parse('https://API.Example.com'), { scheme: 'https', host: 'api.example.com', port: 443, wildcard: false });
  assert.deepEqual(parse('http://127.0.0.1:8080'), { scheme: 'http', host: '127.0.0.1', port: 8080, wildcard: false });
  assert.deepEqual(parse('https://*.example.com/'), { scheme: 'https', host: '*.example.com', port: 443, wildcard: true });
  assert.equal(parse('http://[0:0:0:0:0:0:0:1]:9000').host, '[::1]');
  assert.equal(parse('http://2130706433').host, '127.0.0.1');
  assert.equal(formatOriginPattern(parse('https://example.com:443')), 'https://example.com');
  assert.equal(formatOriginPattern(parse('http://example.com:8080')), 'http://example.com:8080');
});

for (const text of ['example.com', 'ftp://example.com', 'https://example.com/path', 'https://user@example.com', 'https://example.com:0', 'https://example.com:70000', 'https://*.127.0.0.1', 'https://*.com', 'https://*.[::1]', 'https://exa mple.com', 'https://example.com?x']) {
  test(`refuses a malformed pattern: ${text}`, () => {
    assert.equal(typeof parseOriginPattern(text), 'string');
  });
}

test('an exact pattern matches only its scheme, host and port', () => {
  assert.ok(matches('https://api.example.com', 'https://api.example.com/v1?q=1'));
  assert.ok(matches('https://api.example.com', 'https://API.EXAMPLE.COM:443/'));
  assert.ok(!matches('https://api.example.com', 'http://api.example.com/'));
  assert.ok(!matches('https://api.example.com', 'https://api.example.com:8443/'));
  assert.ok(!matches('https://api.example.com', 'https://api.example.com.evil.net/'));
  assert.ok(!matches('https://api.example.com', 'https://xapi.example.com/'));
});

test('a wildcard matches subdomains at any depth, never the domain itself or a look-alike', () => {
  assert.ok(matches('https://*.example.com', 'https://a.example.com/'));
  assert.ok(matches('https://*.example.com', 'https://a.b.example.com/'));
  assert.ok(!matches('https://*.example.com', 'https://example.com/'));
  assert.ok(!matches('https://*.example.com', 'https://badexample.com/'));
  assert.ok(!matches('https://*.example.com', 'https://a.example.com.evil.net/'));
});

test('every spelling of an address is compared in canonical form', () => {
  for (const url of ['http://127.0.0.1:8080/', 'http://2130706433:8080/', 'http://0177.0.0.1:8080/', 'http://0x7f.1:8080/', 'http://127.1:8080/']) {
    assert.ok(matches('http://127.0.0.1:8080', url), url);
  }
  assert.ok(matches('http://[::1]:9000', 'http://[0:0::1]:9000/'));
  assert.ok(!matches('http://127.0.0.1:8080', 'http://[::ffff:127.0.0.1]:8080/'));
  assert.ok(!matches('http://example.com', 'http://2130706433/'));
});

test('a grant stays within a request: patternCovers', () => {
  assert.ok(patternCovers(parse('https://*.example.com'), parse('https://api.example.com')));
  assert.ok(patternCovers(parse('https://*.example.com'), parse('https://*.api.example.com')));
  assert.ok(patternCovers(parse('https://*.example.com'), parse('https://*.example.com')));
  assert.ok(patternCovers(parse('https://api.example.com'), parse('https://api.example.com')));
  assert.ok(!patternCovers(parse('https://*.example.com'), parse('https://example.com')));
  assert.ok(!patternCovers(parse('https://api.example.com'), parse('https://*.example.com')));
  assert.ok(!patternCovers(parse('https://*.example.com'), parse('http://api.example.com')));
  assert.ok(!patternCovers(parse('https://*.example.com'), parse('https://api.example.com:8443')));
  assert.ok(!patternCovers(parse('https://*.example.com'), parse('https://*.badexample.com')));
});

test('https://* covers any host on its scheme and port, and nothing else', () => {
  assert.deepEqual(parse('https://*'), { scheme: 'https', host: '*', port: 443, wildcard: true });
  assert.equal(formatOriginPattern(parse('https://*')), 'https://*');
  assert.ok(matches('https://*', 'https://en.wikipedia.org/wiki/WebAssembly'));
  assert.ok(!matches('https://*', 'http://en.wikipedia.org/'));
  assert.ok(!matches('https://*', 'https://en.wikipedia.org:8443/'));
  assert.ok(patternCovers(parse('https://*'), parse('https://example.com')));
  assert.ok(patternCovers(parse('https://*'), parse('https://*.example.com')));
  assert.ok(!patternCovers(parse('https://*.example.com'), parse('https://*')));
  assert.ok(!patternCovers(parse('https://example.com'), parse('https://*')));
  assert.ok(!patternCovers(parse('https://*'), parse('http://example.com')));
  assert.equal(typeof parseOriginPattern('https://*:0'), 'string');
});
