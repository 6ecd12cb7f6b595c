// state/store.ts: the profiles, what the views get from them, and the engine
// objects made from them, unloaded once nothing holds them or a source closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Store, answersMost } from '../../www/src/state/store.ts';

const heap = (id, time, extra = {}) => ({
  id,
  name: `h${id}`,
  summary: {
    kind: 'heap',
    sampleTypes: [{ type: 'inuse_space', unit: 'bytes' }],
    defaultIndex: 0,
    timeNanos: time,
    negative: [false],
    binary: '/bin/server',
    diffOf: null,
    comparableAs: 'bytes',
    ...extra,
  },
});
const dump = (id) => ({ ...heap(id, 0, { kind: 'goroutine', binary: '', comparableAs: 'count' }), goroutines: { form: 'debug=2', total: 3 } });

/** A store whose engine records what it unloads. */
function store() {
  const unloaded = [];
  const s = new Store((id) => unloaded.push(id));
  return { s, unloaded };
}
const made = (id) => () => Promise.resolve({ id, summary: {} });
const settle = () => new Promise((r) => setTimeout(r, 0));

test('the scope: the series oldest first, the newest dump, the default pair', () => {
  const { s } = store();
  [heap(1, 30), heap(2, 10), dump(3), heap(4, 20), dump(5)].forEach((p) => s.add(p));
  s.select(1);
  const sc = s.scope();
  assert.equal(sc.profile.id, 1);
  assert.deepEqual(sc.series.map((p) => p.id), [2, 4, 1]);
  assert.equal(sc.dump.id, 5, 'not a dump selected: the newest dump');
  assert.deepEqual(sc.dumps.map((p) => p.id), [3, 5]);
  // the newest profile that has a base (the dump 5, with dump 3), else heaps
  assert.deepEqual([sc.pair.target.id, sc.pair.base.id], [5, 3]);
  s.select(3);
  assert.equal(s.scope().dump.id, 3, 'a dump selected is the one shown');
});

test('a chosen pair holds while both sides are open, then falls back', () => {
  const { s } = store();
  [heap(1, 1), heap(2, 2), heap(3, 3)].forEach((p) => s.add(p));
  s.setPair({ target: 1, base: 3 });
  assert.deepEqual([s.scope().pair.target.id, s.scope().pair.base.id], [1, 3]);
  s.remove(3);
  assert.deepEqual([s.scope().pair.target.id, s.scope().pair.base.id], [2, 1]);
  s.remove(1);
  assert.equal(s.scope().pair, null, 'one profile left: nothing to compare');
});

test("a program's files: the same binary, and the dumps that name none", () => {
  const { s } = store();
  [heap(1, 1), heap(2, 2, { binary: '/bin/other' }), dump(3)].forEach((p) => s.add(p));
  s.select(1);
  assert.deepEqual(s.scope().program.map((p) => p.id), [1, 3]);
  s.select(3);
  assert.deepEqual(s.scope().program.map((p) => p.id), [1, 2, 3], 'a dump names no binary: every file');
});

test('closing a profile unloads it, moves the selection, and unloads what was made from it', async () => {
  const { s, unloaded } = store();
  [heap(1, 1), heap(2, 2), heap(3, 3)].forEach((p) => s.add(p));
  s.select(2);
  const holder = {};
  await s.obtain('diff 2-1', [2, 1], made(10), holder);
  await s.obtain('filter 3', [3], made(11), holder);
  assert.equal(s.remove(2), 1);
  await settle();
  assert.deepEqual(unloaded.sort(), [10, 2]);
  assert.equal(s.selected, 3, 'the profile now at its place');
  assert.equal(s.holds('diff 2-1'), false);
  assert.equal(s.holds('filter 3'), true);
  s.remove(3);
  s.remove(1);
  assert.equal(s.selected, -1);
  assert.equal(s.remove(99), -1, 'closing what is not open does nothing');
});

test('an engine object is shared by key and unloaded when its last holder lets go', async () => {
  const { s, unloaded } = store();
  s.add(heap(1, 1));
  const a = {};
  const b = {};
  let makes = 0;
  const make = () => (makes++, Promise.resolve({ id: 7, summary: {} }));
  const [x, y] = await Promise.all([s.obtain('k', [1], make, a), s.obtain('k', [1], make, b)]);
  assert.equal(makes, 1);
  assert.equal(x, y);
  s.letGo('k', a);
  await settle();
  assert.deepEqual(unloaded, [], 'b still holds it');
  s.letGo('k', b);
  await settle();
  assert.deepEqual(unloaded, [7]);
  assert.equal(s.heldCount(), 0);
});

test('objects can be dropped by key, whoever holds them; a holder asking again gets a new one', async () => {
  const { s, unloaded } = store();
  s.add(heap(1, 1));
  const a = {};
  await s.obtain('filter 1 [x]', [1], made(5), a);
  await s.obtain('filter 1 [y]', [1], made(6), {});
  s.dropWhere((k) => k.endsWith('[x]'));
  await settle();
  assert.deepEqual(unloaded, [5]);
  assert.equal((await s.obtain('filter 1 [x]', [1], made(7), a)).id, 7);
  s.letGo('filter 1 [x]', a);
  await settle();
  assert.deepEqual(unloaded, [5, 7]);
});

test('a failed make is forgotten, so the next one tries again', async () => {
  const { s } = store();
  s.add(heap(1, 1));
  await assert.rejects(s.obtain('k', [1], () => Promise.reject(new Error('no')), {}));
  assert.equal(s.holds('k'), false);
  assert.equal((await s.obtain('k', [1], made(8), {})).id, 8);
});

test('the first tab answers the most: the findings of a series or of two kinds of file, a lone dump, else the profile', () => {
  const { s } = store();
  const batch = [heap(1, 1), heap(2, 2), heap(3, 3), dump(4)];
  batch.forEach((p) => s.add(p));
  assert.equal(answersMost(batch, s.scope()), 'program');
  const d = dump(5);
  s.add(d);
  assert.equal(answersMost([d], s.scope()), 'dump');
  const lone = heap(6, 1, { binary: '/bin/x' });
  s.add(lone);
  assert.equal(answersMost([lone], s.scope()), 'profile');
  assert.equal(answersMost([], s.scope()), 'profile');
  // a series alone, and two kinds of one program without a series
  const series = store().s;
  const snapshots = [heap(1, 1), heap(2, 2)];
  snapshots.forEach((p) => series.add(p));
  assert.equal(answersMost(snapshots, series.scope()), 'program');
  const kinds = store().s;
  const two = [heap(1, 1, { binary: '/bin/y' }), heap(2, 0, { kind: 'cpu', binary: '/bin/y', sampleTypes: [{ type: 'cpu', unit: 'nanoseconds' }], comparableAs: 'cpu' })];
  two.forEach((p) => kinds.add(p));
  assert.equal(answersMost(two, kinds.scope()), 'program');
});

test('following a watched directory, the series on screen stays whatever form arrives last', () => {
  const { s } = store();
  // a watch's rounds: each heap as a proto and as text (no binary: a series of its own)
  const text = (id, time) => heap(id, time, { binary: '' });
  [heap(1, 10), text(2, 0), heap(3, 20)].forEach((p) => s.add(p, true));
  assert.deepEqual(s.scope().series.map((p) => p.id), [1, 3]);
  // round 2's text arrives in a later batch than its proto, and round 3's text alone
  [text(4, 0), text(5, 0)].forEach((p) => s.add(p, true));
  assert.deepEqual(s.scope().series.map((p) => p.id), [1, 3], 'still the protos');
  // files the user opens are followed, as always
  s.add(text(6, 0));
  assert.deepEqual(s.scope().series.map((p) => p.id), [2, 4, 5, 6]);
});
