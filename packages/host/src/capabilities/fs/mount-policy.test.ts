import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mountsFromGrants, refusedMounts } from '../../grants/mounts.js';
import type { MountGrant } from '../../grants/grants.js';
import { isNormalisedPath, isWithin, mountRootRefusal, overlappingPairs, sensitiveMountWarnings, type ProtectedRoot } from './mount-policy.js';

const HOME: ProtectedRoot[] = [{ path: '/u/me/.mcp-wasm', what: 'the mcp-wasm home (MCP_WASM_HOME)' }];
const id = (inode: string) => ({ device: '7', inode });

describe('mount policy (pure)', () => {
  test('normalised paths and containment by whole names', () => {
    for (const path of ['/', '/a', '/a/b']) assert.equal(isNormalisedPath(path), true, path);
    for (const path of ['', 'a', '/a/', '/a//b', '/a/./b', '/a/../b', '/a\0b']) assert.equal(isNormalisedPath(path), false, JSON.stringify(path));
    assert.equal(isWithin('/a/b', '/a'), true);
    assert.equal(isWithin('/a', '/a'), true);
    assert.equal(isWithin('/ab', '/a'), false, 'a sibling sharing a prefix is not inside');
    assert.equal(isWithin('/anything', '/'), true);
  });

  test('the home: itself, inside it, containing it; the pseudo file systems; paths not normalised', () => {
    assert.match(mountRootRefusal('/u/me/.mcp-wasm', HOME)!, /^it is the mcp-wasm home/);
    assert.match(mountRootRefusal('/u/me/.mcp-wasm/cache', HOME)!, /^it lies inside the mcp-wasm home/);
    assert.match(mountRootRefusal('/u/me', HOME)!, /^it contains the mcp-wasm home/);
    assert.match(mountRootRefusal('/', HOME)!, /^it contains/);
    assert.equal(mountRootRefusal('/u/me/notes', HOME), undefined);
    assert.equal(mountRootRefusal('/u/me/.mcp-wasm-demo', HOME), undefined, 'a sibling sharing a prefix is fine');
    for (const path of ['/proc', '/proc/1/root', '/sys/kernel', '/dev']) assert.match(mountRootRefusal(path, HOME)!, /lies in \/(proc|sys|dev)/);
    for (const path of ['notes', '/u/me/notes/../.mcp-wasm', '/u/me/']) assert.match(mountRootRefusal(path, HOME)!, /not an absolute path free of/);
  });

  test('overlapping pairs: the same directory, or one inside the other', () => {
    const mounts = [{ host: '/a' }, { host: '/a/b' }, { host: '/c' }, { host: '/c' }, { host: '/ab' }];
    assert.deepEqual(overlappingPairs(mounts).map(([x, y]) => `${x.host}+${y.host}`), ['/a+/a/b', '/c+/c']);
  });

  test('warnings: the whole home directory, or a credential place (containing it or inside it)', () => {
    assert.match(sensitiveMountWarnings('/u', '/u/me')[0]!, /^\/u covers your whole home directory \/u\/me/);
    assert.equal(sensitiveMountWarnings('/u/me', '/u/me').length, 1, 'one warning for the home, not one per place');
    assert.deepEqual(sensitiveMountWarnings('/u/me/.ssh', '/u/me'), ['/u/me/.ssh covers ~/.ssh, which holds SSH keys']);
    assert.match(sensitiveMountWarnings('/u/me/.config/gcloud', '/u/me')[0]!, /covers ~\/\.config/);
    assert.deepEqual(sensitiveMountWarnings('/u/me/notes', '/u/me'), []);
    assert.deepEqual(sensitiveMountWarnings('/u/me/.sshx', '/u/me'), []);
  });
});

describe('mount grants become mounts (the choke point)', () => {
  let inode = 100;
  const grant = (host: string, guest: string, extra: Partial<MountGrant> = {}): MountGrant => ({ host, guest, access: 'read-write', identity: id(String(inode++)), ...extra });

  test('allowed grants become mounts; anything but read-write is read-only', () => {
    const { mounts, refused } = mountsFromGrants('s', [grant('/u/me/notes', '/data'), grant('/srv/docs', '/docs', { access: 'ro' as MountGrant['access'] })], HOME);
    assert.deepEqual(refused, []);
    assert.deepEqual(mounts, [
      { hostPath: '/u/me/notes', guestPath: '/data', readOnly: false, identity: id('100') },
      { hostPath: '/srv/docs', guestPath: '/docs', readOnly: true, identity: id('101') },
    ]);
  });

  test('the home, overlaps, the same directory under two paths, and missing or bad identities are left out, with why', () => {
    const grants = [
      grant('/u/me', '/home'),
      grant('/srv/x', '/outer'),
      grant('/srv/x/ro', '/inner', { access: 'read-only' }),
      grant('/srv/a', '/a', { identity: id('42') }),
      grant('/mnt/bind-of-a', '/b', { identity: id('42') }),
      grant('/srv/legacy', '/legacy', { identity: undefined }),
      grant('/srv/junk', '/junk', { identity: { device: '1', inode: 'x; rm' } }),
      grant('/srv/fine', '/fine'),
    ];
    const { mounts, refused } = mountsFromGrants('s', grants, HOME);
    assert.deepEqual(mounts.map((mount) => mount.guestPath), ['/fine']);
    const why = Object.fromEntries(refused.map((refusal) => [refusal.grant.guest, refusal.message]));
    assert.match(why['/home']!, /cannot mount \/u\/me at \/home: it contains the mcp-wasm home/);
    assert.match(why['/outer']!, /together with \/srv\/x\/ro at \/inner: one directory is or contains the other/);
    assert.equal(why['/inner'], why['/outer']);
    assert.match(why['/b']!, /cannot mount \/srv\/a at \/a together with \/mnt\/bind-of-a at \/b/);
    assert.match(why['/legacy']!, /recorded without the identity of its directory .*`mcp-wasm grant s --mount \/srv\/legacy:\/legacy`/);
    assert.match(why['/junk']!, /recorded without the identity/);
  });

  test('without requireIdentity (the CLI, before it records one), only the policy applies', () => {
    assert.deepEqual(refusedMounts('s', [grant('/srv/legacy', '/legacy', { identity: undefined })], HOME), []);
  });
});
