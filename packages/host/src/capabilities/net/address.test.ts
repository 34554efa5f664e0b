import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalAddress, checkAddress, classifyAddress, policyForHost, PUBLIC_ONLY, type AddressClass } from './address.js';

const CLASSES: [string, AddressClass][] = [
  ['8.8.8.8', 'public'],
  ['1.1.1.1', 'public'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['10.1.2.3', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.32.0.1', 'public'],
  ['192.168.1.1', 'private'],
  ['100.64.0.1', 'shared'],
  ['100.100.100.200', 'shared'],
  ['169.254.169.254', 'link-local'],
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['224.0.0.1', 'multicast'],
  ['255.255.255.255', 'broadcast'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.1', 'documentation'],
  ['198.51.100.7', 'documentation'],
  ['203.0.113.9', 'documentation'],
  ['198.18.0.1', 'benchmark'],
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['2606:4700::1111', 'public'],
  ['fc00::1', 'unique-local'],
  ['fd00:ec2::254', 'unique-local'],
  ['fe80::1', 'link-local'],
  ['fe80::1%eth0', 'link-local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'documentation'],
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::ffff:169.254.169.254', 'link-local'],
  ['::ffff:8.8.8.8', 'public'],
  ['::127.0.0.1', 'loopback'],
  ['::8.8.8.8', 'reserved'],
  ['::ffff:0:127.0.0.1', 'loopback'],
  ['64:ff9b::127.0.0.1', 'loopback'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['2002:7f00:1::', 'loopback'],
  ['2002:0808:0808::', 'public'],
  ['2001::1', 'reserved'],
  ['100::1', 'reserved'],
  ['[::1]', 'loopback'],
];

for (const [address, expected] of CLASSES) {
  test(`${address} is ${expected}`, () => assert.equal(classifyAddress(address), expected));
}

test('odd IPv4 spellings are canonicalised before classifying', () => {
  assert.equal(canonicalAddress('2130706433'), '127.0.0.1');
  assert.equal(canonicalAddress('0177.0.0.1'), '127.0.0.1');
  assert.equal(canonicalAddress('0x7f.1'), '127.0.0.1');
  assert.equal(canonicalAddress('0:0:0:0:0:ffff:7f00:1'), '::ffff:7f00:1');
  assert.equal(classifyAddress('0xa9fea9fe'), 'link-local');
});

test('names and junk are not addresses', () => {
  for (const text of ['example.com', 'localhost', '', '1.2.3', '::g', '[]', '1.2.3.4.5']) {
    assert.equal(canonicalAddress(text), text === '1.2.3' ? '1.2.0.3' : undefined, text);
  }
});

test('a public-only policy allows public addresses and nothing else', () => {
  assert.deepEqual(checkAddress('93.184.216.34', PUBLIC_ONLY), { allowed: true });
  assert.deepEqual(checkAddress('2606:4700::1111', PUBLIC_ONLY), { allowed: true });
  for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.1', '169.254.169.254', '0.0.0.0', '::', 'fd00::1', 'not-an-ip']) {
    assert.equal(checkAddress(address, PUBLIC_ONLY).allowed, false, address);
  }
  const metadata = checkAddress('169.254.169.254', PUBLIC_ONLY);
  assert.ok(!metadata.allowed && metadata.reason.includes('cloud metadata'));
});

test('a grant naming an address literally allows that address, in any of its forms, and no other', () => {
  const policy = policyForHost('127.0.0.1');
  assert.deepEqual(policy, { literal: ['127.0.0.1'], loopback: false });
  assert.ok(checkAddress('127.0.0.1', policy).allowed);
  assert.ok(checkAddress('::ffff:127.0.0.1', policy).allowed, 'a dual-stack socket reports the IPv4 address mapped');
  assert.ok(!checkAddress('127.0.0.2', policy).allowed);
  assert.ok(!checkAddress('::1', policy).allowed);
  assert.ok(!checkAddress('169.254.169.254', policy).allowed);
  const v6 = policyForHost('[::1]');
  assert.deepEqual(v6, { literal: ['::1'], loopback: false });
  assert.ok(checkAddress('::1', v6).allowed);
  assert.ok(!checkAddress('127.0.0.1', v6).allowed);
});

test('localhost allows loopback addresses only', () => {
  const policy = policyForHost('localhost');
  assert.ok(checkAddress('127.0.0.1', policy).allowed);
  assert.ok(checkAddress('::1', policy).allowed);
  assert.ok(!checkAddress('10.0.0.1', policy).allowed);
  assert.ok(!checkAddress('169.254.169.254', policy).allowed);
  assert.deepEqual(policyForHost('api.example.com'), PUBLIC_ONLY);
});
