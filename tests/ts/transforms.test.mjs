// state/transforms.ts: the stack's URL form, and the exact-name transforms of the menu.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeStack, encodeStack, push, quoteMeta, removeAt, transformFor } from '../../www/src/state/transforms.ts';

test('a stack round-trips through its URL form, separators inside values included', () => {
  const stack = [
    { op: 'focus', value: 'a~b' },
    { op: 'show_from', value: 'main\\.(x|y).z' },
    { op: 'tagignore', value: 'key=v,w' },
    { op: 'prune_from', value: '' },
  ];
  const text = encodeStack(stack);
  assert.equal(text.split('~').length, stack.length);
  assert.deepEqual(decodeStack(text), stack);
  assert.deepEqual(decodeStack(''), []);
});

test('malformed items are skipped, not misread', () => {
  assert.deepEqual(decodeStack('zz.x~f.ok~f.%E0%A4%A'), [{ op: 'focus', value: 'ok' }]);
});

test('menu actions match the exact name; merge is a hide', () => {
  assert.equal(quoteMeta('a.b(*c)[d]'), 'a\\.b\\(\\*c\\)\\[d\\]');
  assert.deepEqual(transformFor('focus', 'main.f'), { op: 'focus', value: '^main\\.f$' });
  assert.deepEqual(transformFor('merge', 'x'), { op: 'hide', value: '^x$' });
  const one = push([], { op: 'hide', value: 'x' });
  assert.equal(push(one, { op: 'hide', value: 'x' }), one);
  assert.deepEqual(removeAt([...one, { op: 'focus', value: 'y' }], 0), [{ op: 'focus', value: 'y' }]);
});
