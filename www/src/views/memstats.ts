// The runtime.MemStats block of a heap text profile (?debug=1), shown in the profile's
// metadata panel: each field in pprof's units, the exact number in the tooltip.
import type { MemStat, TrendResult } from '../engine/protocol';
import { formatTime, label, grouped } from '../format/units';
import { h } from './dom';

/** How many of the most recent GC pauses the panel lists. */
const PAUSES_SHOWN = 5;

export function memstatsPanel(fields: MemStat[]): HTMLElement {
  const dl = h('dl', { class: 'meta-list memstats' });
  const numGC = fields.find((f) => f.name === 'NumGC')?.value;
  for (const f of fields) {
    const exact = Array.isArray(f.value) ? `${f.value.length} entries` : String(f.value);
    dl.append(h('dt', {}, f.name), h('dd', { title: exact }, shown(f, typeof numGC === 'number' ? numGC : null)));
  }
  return h('details', { class: 'meta' }, h('summary', {}, 'runtime.MemStats'), dl);
}

function shown(f: MemStat, numGC: number | null): string {
  const v = f.value;
  if (Array.isArray(v)) return pauses(v, numGC, f.unit);
  if (typeof v !== 'number') return String(v);
  return one(v, f.unit);
}

function one(v: number, unit: string): string {
  switch (unit) {
    case 'bytes':
    case 'nanoseconds':
      return label(v, unit);
    case 'unix_nanoseconds':
      return formatTime(v);
    case 'fraction':
      return `${(v * 100).toFixed(4)}%`;
    default:
      return grouped(v);
  }
}

/** A pause ring (Go keeps the last 256, pause k at index (k-1) % 256) as its most recent entries. */
function pauses(ring: number[], numGC: number | null, unit: string): string {
  if (numGC === null || ring.length === 0) return `${ring.length} entries`;
  const kept = Math.min(numGC, ring.length);
  const recent: string[] = [];
  for (let k = Math.max(numGC - PAUSES_SHOWN, numGC - kept); k < numGC; k++) recent.push(one(ring[k % ring.length], unit));
  return recent.length ? `last ${recent.length}: ${recent.join(', ')}` : 'none';
}

/** The trend's MemStats series, oldest → newest per field, or '' when a snapshot has none. */
export function memstatsTrendLine(t: TrendResult): string {
  const parts = Object.entries(t.memstats ?? {}).map(([name, values]) => {
    const unit = name === 'HeapInuse' ? 'bytes' : 'count';
    return `${name} ${Array.from(values, (v) => one(v, unit)).join(' → ')}`;
  });
  return parts.length ? ` runtime.MemStats: ${parts.join('; ')}.` : '';
}
