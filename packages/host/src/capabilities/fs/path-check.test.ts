import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { endsInDot, guestPathOf, resolveGuestPath, resolveRelative } from './path-check.js';
import type { Mount } from './types.js';

describe('resolveRelative', () => {
  test('plain names, empty and . segments', () => {
    assert.deepEqual(resolveRelative([], 'a/b.txt'), { ok: true, names: ['a', 'b.txt'] });
    assert.deepEqual(resolveRelative(['x'], './a//b/./'), { ok: true, names: ['x', 'a', 'b'], mustBeDirectory: true });
    assert.deepEqual(resolveRelative([], '.'), { ok: true, names: [] });
  });

  test('.. pops lexically and may climb up to the mount root, not past it', () => {
    assert.deepEqual(resolveRelative(['sub'], '../a'), { ok: true, names: ['a'] });
    assert.deepEqual(resolveRelative([], 'a/../b'), { ok: true, names: ['b'], leftDirectories: [['a']] });
    const escape = resolveRelative(['sub'], '../../etc/passwd');
    assert.equal(escape.ok, false);
    assert.equal(!escape.ok && escape.code, 'not-permitted');
    assert.equal(!escape.ok && escape.denied, true);
    assert.equal(resolveRelative([], '..').ok, false);
    assert.equal(resolveRelative([], 'a/../../b').ok, false, 'a later .. that leaves is refused even after a valid one');
  });

  test('a trailing slash (or `/.`) marks the object as a directory; one `..` left must be a directory too', () => {
    for (const path of ['file/', 'file//', 'file/.', './file/./']) {
      assert.deepEqual(resolveRelative(['d'], path), { ok: true, names: ['d', 'file'], mustBeDirectory: true }, path);
    }
    assert.deepEqual(resolveRelative(['d'], 'file'), { ok: true, names: ['d', 'file'] }, 'no slash, no requirement');
    assert.deepEqual(resolveRelative(['d'], 'file/..'), { ok: true, names: ['d'], leftDirectories: [['d', 'file']] });
    assert.deepEqual(resolveRelative(['d'], 'a/b/../../c'), { ok: true, names: ['d', 'c'], leftDirectories: [['d', 'a', 'b'], ['d', 'a']] });
    // The base and its ancestors are known directories: nothing to check for them.
    assert.deepEqual(resolveRelative(['d', 'e'], '../'), { ok: true, names: ['d'] });
    assert.deepEqual(resolveRelative(['d'], './'), { ok: true, names: ['d'] });
    assert.deepEqual(resolveRelative(['d'], '../z/..'), { ok: true, names: [], leftDirectories: [['z']] }, 'a name the path added, even at the base depth');
  });

  test('absolute paths are refused as a denial', () => {
    const result = resolveRelative([], '/etc/passwd');
    assert.deepEqual(result.ok ? undefined : [result.code, result.denied], ['not-permitted', true]);
  });

  test('empty paths, NUL bytes and over-long names are errors, not denials', () => {
    const empty = resolveRelative([], '');
    assert.deepEqual(empty.ok ? undefined : [empty.code, empty.denied], ['no-entry', false]);
    const nul = resolveRelative([], 'a\0b');
    assert.deepEqual(nul.ok ? undefined : nul.code, 'invalid');
    const long = resolveRelative([], 'x'.repeat(256));
    assert.deepEqual(long.ok ? undefined : long.code, 'name-too-long');
    assert.equal(resolveRelative([], 'é'.repeat(128)).ok, false, 'the limit counts UTF-8 bytes');
  });

  test('a backslash is an ordinary character, not a separator', () => {
    assert.deepEqual(resolveRelative([], '..\\x'), { ok: true, names: ['..\\x'] });
  });
});

describe('resolveGuestPath', () => {
  const mounts: Mount[] = [
    { guestPath: '/data', hostPath: '/h/data', readOnly: false, identity: { device: '1', inode: '2' } },
    { guestPath: '/data/ref', hostPath: '/h/ref', readOnly: true, identity: { device: '1', inode: '3' } },
    { guestPath: '/docs', hostPath: '/h/docs', readOnly: true, identity: { device: '1', inode: '4' } },
  ];

  test('finds the deepest mount and the names below it', () => {
    const found = resolveGuestPath(mounts, '/data/notes/a.txt');
    assert.deepEqual(found.ok && [found.mount.hostPath, found.names], ['/h/data', ['notes', 'a.txt']]);
    const nested = resolveGuestPath(mounts, '/data/ref/x');
    assert.deepEqual(nested.ok && [nested.mount.hostPath, nested.names], ['/h/ref', ['x']]);
    const root = resolveGuestPath(mounts, '/docs/');
    assert.deepEqual(root.ok && [root.mount.hostPath, root.names], ['/h/docs', []]);
  });

  test('.. is resolved from / first, so it cannot hop between or out of mounts', () => {
    const out = resolveGuestPath(mounts, '/data/../etc/passwd');
    assert.deepEqual(out.ok ? undefined : [out.code, out.denied], ['not-permitted', true]);
    const hop = resolveGuestPath(mounts, '/docs/../data/a');
    assert.deepEqual(hop.ok && [hop.mount.hostPath, hop.names], ['/h/data', ['a']]);
    assert.equal(resolveGuestPath(mounts, '/../../data').ok, false);
  });

  test('a name that only starts like a mount is outside it', () => {
    assert.equal(resolveGuestPath(mounts, '/database/x').ok, false);
    assert.equal(resolveGuestPath(mounts, 'data/x').ok, false);
  });
});

test('endsInDot and guestPathOf', () => {
  assert.equal(endsInDot('a/.'), true);
  assert.equal(endsInDot('a/../'), true);
  assert.equal(endsInDot(''), true);
  assert.equal(endsInDot('a/b'), false);
  assert.equal(guestPathOf('/data', []), '/data');
  assert.equal(guestPathOf('/data', ['a', 'b']), '/data/a/b');
});
