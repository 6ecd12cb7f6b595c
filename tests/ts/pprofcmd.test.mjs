// export/pprofcmd.ts: the `go tool pprof` command that reproduces a view.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pprofCommand, shellQuote, transformFlags } from '../../www/src/export/pprofcmd.ts';

test('shell words are quoted only when they need it', () => {
  assert.equal(shellQuote('heap_t2.pb.gz'), 'heap_t2.pb.gz');
  assert.equal(shellQuote('my file'), "'my file'");
  assert.equal(shellQuote("it's"), `'it'\\''s'`);
});

test("a stack in pprof's order with one flag per kind is exact; repeated hides join", () => {
  const ok = transformFlags([
    { op: 'focus', value: 'a' },
    { op: 'hide', value: 'b' },
    { op: 'hide', value: 'c' },
  ]);
  assert.deepEqual(ok, { flags: ['-focus=a', '-hide=(?:b)|(?:c)'], exact: true });
  assert.equal(transformFlags([{ op: 'hide', value: 'b' }, { op: 'focus', value: 'a' }]).exact, false);
  assert.equal(transformFlags([{ op: 'focus', value: 'a' }, { op: 'focus', value: 'b' }]).exact, false);
});

test('the command names the sample type, granularity, filters and diff base', () => {
  const cmd = pprofCommand({
    file: 'new heap.pb.gz',
    sampleType: 'inuse_space',
    granularity: 'lines',
    cum: true,
    transforms: [{ op: 'focus', value: 'main' }],
    diff: { base: 'old.pb.gz', mode: 'diff_base', normalize: true },
  });
  assert.equal(
    cmd,
    "go tool pprof -top -nodecount=1000000 -nodefraction=0 -sample_index=inuse_space -lines -cum -focus=main -normalize -diff_base old.pb.gz 'new heap.pb.gz'",
  );
  assert.match(pprofCommand({ file: 'g.txt', sampleType: '', granularity: 'functions', textDump: true }), /^# pprof reads goroutine dumps/);
});
