// format/units.ts against pprof's own formatted values: the corpus's `go tool pprof -top`
// texts (oracle/*.top.txt) beside the exact values of the same runs (oracle/*.json). The
// Rust formatter is checked against the same files (tests/oracle.rs), so both sides print
// what pprof prints.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { counted, grouped, label, percent, tableUnit } from '../../www/src/format/units.ts';

const ORACLE = join(import.meta.dirname, '../../../shared/corpus/oracle/go');

test('flat, cum and percentages of every -top row are printed as pprof prints them', () => {
  assert.ok(existsSync(ORACLE), `corpus oracle not found at ${ORACLE}`);
  let rows = 0;
  for (const json of readdirSync(ORACLE).filter((f) => f.endsWith('.pb.gz.json'))) {
    const o = JSON.parse(readFileSync(join(ORACLE, json), 'utf8'));
    const rel = json.slice(0, -'.json'.length);
    for (const [type, t] of Object.entries(o.types)) {
      const file = join(ORACLE, `${rel}.${type}.top.txt`);
      if (!existsSync(file)) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      const start = lines.findIndex((l) => /^\s+flat\s+flat%/.test(l)) + 1;
      const unit = tableUnit(t.functions.map((f) => f.flat), t.unit);
      t.functions.forEach((f, i) => {
        const cols = lines[start + i].trim().split(/\s+/);
        const where = `${rel} ${type} row ${i}`;
        assert.equal(label(f.flat, t.unit, unit), cols[0], where);
        assert.equal(percent(f.flat, t.total), cols[1], where);
        assert.equal(label(f.cum, t.unit, unit), cols[3], where);
        assert.equal(percent(f.cum, t.total), cols[4], where);
        rows++;
      });
    }
  }
  assert.ok(rows > 100, `only ${rows} rows compared`);
});

test('grouped() writes what toLocaleString("en-US") writes', () => {
  for (const n of [0, 7, 999, 1000, -1234567, 1234.5, 0.125, -0.25, 2 ** 53, 1e15]) {
    assert.equal(grouped(n), n.toLocaleString('en-US', { maximumFractionDigits: 3 }), String(n));
  }
});

test('counted() puts a noun in the plural unless the count is one', () => {
  assert.equal(counted(1, 'goroutine'), '1 goroutine');
  assert.equal(counted(0, 'group'), '0 groups');
  assert.equal(counted(1250, 'goroutine'), '1,250 goroutines');
});
