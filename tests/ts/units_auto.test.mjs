// The per-value units of the views pprof does not have (Trend, the Diff's deltas,
// Goroutines, the Sandwich): label() with no table unit scales each value on its own, as
// `go tool pprof -unit=auto` does. The reference is pprof itself, run live on corpus
// profiles (Go 1.19's `go tool pprof`, which scripts/setup.sh installs); the exact values
// beside each row come from the corpus oracle (oracle/*.json).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { label } from '../../www/src/format/units.ts';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const ORACLE = join(CORPUS, 'oracle/go');
const FLAGS = ['-top', '-unit=auto', '-nodecount=1000000', '-nodefraction=0', '-edgefraction=0', '-symbolize=none'];

/** pprof's -top rows as printed: [flat, cum] texts, in order. */
function pprofRows(args) {
  const out = execFileSync('go', ['tool', 'pprof', ...FLAGS, ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', PPROF_TMPDIR: '/tmp' } });
  const lines = out.split('\n');
  const start = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l)) + 1;
  return lines.slice(start).filter((l) => l.trim()).map((l) => {
    const cols = l.trim().split(/\s+/);
    return [cols[0], cols[3]];
  });
}

function compare(oracleJson, types, extra, file) {
  const o = JSON.parse(readFileSync(join(ORACLE, oracleJson), 'utf8'));
  let rows = 0;
  for (const type of types) {
    const t = o.types[type];
    const printed = pprofRows([`-sample_index=${type}`, ...extra, join(CORPUS, 'go', file)]);
    assert.equal(printed.length, t.functions.length, `${oracleJson} ${type}: row count`);
    t.functions.forEach((f, i) => {
      const where = `${oracleJson} ${type} row ${i} (${f.name})`;
      assert.equal(label(f.flat, t.unit), printed[i][0], where);
      assert.equal(label(f.cum, t.unit), printed[i][1], where);
      rows++;
    });
  }
  return rows;
}

test('each value takes its own unit, as go tool pprof -unit=auto prints it', () => {
  let rows = compare('heap_t2.pb.gz.json', ['inuse_space', 'alloc_space', 'inuse_objects'], [], 'heap_t2.pb.gz');
  rows += compare('cpu.pb.gz.json', ['cpu'], [], 'cpu.pb.gz');
  rows += compare('block.pb.gz.json', ['delay'], [], 'block.pb.gz');
  assert.ok(rows > 50, `only ${rows} rows compared`);
});

test('deltas, negative ones included, take their own unit too (-base)', () => {
  const rows = compare('base.heap_t0__heap_t2.json', ['inuse_space', 'alloc_space'], [`-base=${join(CORPUS, 'go/heap_t0.pb.gz')}`], 'heap_t2.pb.gz');
  assert.ok(rows > 10, `only ${rows} rows compared`);
});
