// state/url.ts: every view state survives the hash, and a foreign hash gives the defaults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_STATE, formatHash, parseHash } from '../../www/src/state/url.ts';

test('the default state is the bare versioned hash, and reads back', () => {
  assert.equal(formatHash(DEFAULT_STATE), '#v=1');
  assert.deepEqual(parseHash('#v=1'), DEFAULT_STATE);
});

test('every key round-trips, odd characters included', () => {
  const st = {
    ...DEFAULT_STATE,
    type: 'inuse_space',
    granularity: 'lines',
    view: 'sandwich',
    sort: { key: 'cum', desc: false },
    diffSort: { key: 'name', desc: true },
    trendSort: { key: 'delta', desc: false },
    filter: 'a&b=c#d',
    search: '^main\\.(x|y)$',
    selected: 'main.(*T).Method',
    diffMode: 'diff_base',
    normalize: true,
    colouring: 'relative',
    transforms: [
      { op: 'focus', value: 'a~b.c%d' },
      { op: 'tagfocus', value: 'bytes=1kb:10kb' },
    ],
    sandwich: 'runtime.mallocgc',
    lines: 'main.f',
    goroutineState: 'chan receive',
    goroutineBase: 'dump 1.txt',
  };
  assert.deepEqual(parseHash(formatHash(st)), st);
});

test('another version, unknown values and malformed sorts fall back to the defaults', () => {
  assert.deepEqual(parseHash('#v=0&m=trend'), DEFAULT_STATE);
  const st = parseHash('#v=1&g=bogus&m=nowhere&s=Bad-Key&dm=zz');
  assert.equal(st.granularity, DEFAULT_STATE.granularity);
  assert.equal(st.view, DEFAULT_STATE.view);
  assert.deepEqual(st.sort, DEFAULT_STATE.sort);
  assert.equal(st.diffMode, DEFAULT_STATE.diffMode);
});

test("a view's own keys are kept as given; a registered view's id is read from m", () => {
  const st = parseHash('#v=1&m=findings&fk=leak&zz=&sel=main.f', ['top', 'findings']);
  assert.equal(st.view, 'findings');
  assert.deepEqual(st.params, { fk: 'leak' }, 'an empty value is no value');
  assert.equal(st.selected, 'main.f');
  assert.equal(formatHash(st), '#v=1&m=findings&sel=main.f&fk=leak');
  assert.equal(parseHash('#v=1&m=findings').view, DEFAULT_STATE.view, 'not a view of this page');
});
