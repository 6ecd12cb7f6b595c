// state/series.ts: which loaded profiles are snapshots of one program.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { comparable, findSeries, isDelta, sampleIndexOf } from '../../www/src/state/series.ts';

const heap = (id, time, extra = {}) => ({
  id,
  name: `h${id}`,
  summary: {
    sampleTypes: [{ type: 'alloc_space', unit: 'bytes' }, { type: 'inuse_space', unit: 'bytes' }],
    defaultIndex: 1,
    timeNanos: time,
    negative: [false, false],
    binary: '/bin/server',
    diffOf: null,
    comparableAs: "bytes",
    ...extra,
  },
});

test('snapshots of one program form a series in time order', () => {
  const s = findSeries([heap(1, 30), heap(2, 10), heap(3, 20)]);
  assert.deepEqual(s.map((p) => p.id), [2, 3, 1]);
});

test('other binaries, deltas, diffs and goroutine dumps stay out', () => {
  const other = heap(4, 5, { binary: '/bin/other' });
  const delta = heap(5, 6, { negative: [true, false] });
  const diff = heap(6, 7, { diffOf: [1, 2], comparableAs: null });
  const dump = { ...heap(7, 8), goroutines: { form: 'debug=2' } };
  assert.equal(isDelta(delta.summary), true);
  assert.deepEqual(findSeries([heap(1, 1), other, delta, diff, dump, heap(2, 2)]).map((p) => p.id), [1, 2]);
  assert.deepEqual(findSeries([heap(1, 1), other]), []);
});

test('the preferred profile picks its group', () => {
  const a = [heap(1, 1), heap(2, 2), heap(3, 3)];
  const b = [heap(4, 1, { binary: 'b' }), heap(5, 2, { binary: 'b' })];
  assert.deepEqual(findSeries([...a, ...b]).map((p) => p.id), [1, 2, 3]);
  assert.deepEqual(findSeries([...a, ...b], 5).map((p) => p.id), [4, 5]);
});

test('a sample type is found by name, else the default', () => {
  assert.equal(sampleIndexOf(heap(1, 1).summary, 'alloc_space'), 0);
  assert.equal(sampleIndexOf(heap(1, 1).summary, 'nope'), 1);
});

test("pairs are comparable when the engine gave them one key; a diff never is", () => {
  assert.equal(comparable(heap(1, 1).summary, heap(2, 2).summary), true);
  assert.equal(comparable(heap(1, 1).summary, heap(2, 2, { comparableAs: 'other' }).summary), false);
  const diff = heap(3, 3, { diffOf: [1, 2], comparableAs: null }).summary;
  assert.equal(comparable(diff, diff), false);
});
