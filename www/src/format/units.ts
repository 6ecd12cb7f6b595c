// Value formatting as `go tool pprof -top` does it (internal/measurement of the
// pprof that Go 1.19 vendors): bytes in B/kB/MB/GB/TB/PB (factor 1024), times
// in ns/us/ms/s/mins/hrs, counts as plain numbers. A table uses one unit for all
// its rows, chosen from the smallest and largest non-zero flat value.

type Scaled = { value: number; unit: string };

const MEMORY: [string, number][] = [
  ['B', 1],
  ['kB', 1024],
  ['MB', 1024 ** 2],
  ['GB', 1024 ** 3],
  ['TB', 1024 ** 4],
  ['PB', 1024 ** 5],
];
const TIME: [string, number][] = [
  ['ns', 1],
  ['us', 1e3],
  ['ms', 1e6],
  ['s', 1e9],
  ['mins', 60e9],
  ['hrs', 3600e9],
  ['days', 86400e9],
  ['wks', 7 * 86400e9],
  ['yrs', 365 * 86400e9],
];

function norm(unit: string): string {
  let u = unit.toLowerCase();
  if (u.length > 2) u = u.replace(/s$/, '');
  return u;
}

/** The base-unit factor of a sample unit, and which family it belongs to. */
function family(unit: string): { table: [string, number][]; factor: number } | null {
  switch (norm(unit)) {
    case 'byte':
    case 'b':
      return { table: MEMORY, factor: 1 };
    case 'kilobyte':
    case 'kb':
      return { table: MEMORY, factor: 1024 };
    case 'megabyte':
    case 'mb':
      return { table: MEMORY, factor: 1024 ** 2 };
    case 'gigabyte':
    case 'gb':
      return { table: MEMORY, factor: 1024 ** 3 };
    case 'nanosecond':
    case 'ns':
      return { table: TIME, factor: 1 };
    case 'microsecond':
    case 'us':
      return { table: TIME, factor: 1e3 };
    case 'millisecond':
    case 'ms':
      return { table: TIME, factor: 1e6 };
    case 'second':
    case 'sec':
    case 's':
      return { table: TIME, factor: 1e9 };
    default:
      return null;
  }
}

/** The unit pprof's "auto" scaling picks for one value. */
export function autoUnit(value: number, unit: string): string {
  const f = family(unit);
  if (!f) return '';
  const base = Math.abs(value) * f.factor;
  if (f.table === MEMORY) {
    let pick = MEMORY[0][0];
    for (const [name, factor] of MEMORY) if (base >= factor) pick = name;
    return pick;
  }
  // time: ns < 1us <= us < 1ms <= ms < 1s <= s < 1min <= mins < 1h <= hrs ...
  const limits: [string, number][] = [
    ['ns', 1e3],
    ['us', 1e6],
    ['ms', 1e9],
    ['s', 60e9],
    ['mins', 3600e9],
    ['hrs', 86400e9],
    ['days', 7 * 86400e9],
    ['wks', 365 * 86400e9],
  ];
  for (const [name, lim] of limits) if (base < lim) return name;
  return 'yrs';
}

export function scale(value: number, unit: string, to: string): Scaled {
  const f = family(unit);
  if (!f) {
    const n = norm(unit);
    const plain = n === 'count' || n === 'sample' || n === 'event' || n === '' || n === 'cycle';
    return { value, unit: plain ? '' : unit };
  }
  const target = f.table.find(([name]) => name === to) ?? f.table[0];
  return { value: (value * f.factor) / target[1], unit: target[0] };
}

/** "1.50MB", "370", "0" — pprof's ScaledLabel. */
export function label(value: number, unit: string, to = autoUnit(value, unit)): string {
  const s = scale(value, unit, to);
  let text = s.value.toFixed(2);
  if (text.endsWith('.00')) text = text.slice(0, -3);
  if (text === '0' || text === '-0') return '0';
  return text + s.unit;
}

/** The common unit of a -top table (pprof report's "minimum" output unit). */
export function tableUnit(flat: ArrayLike<number>, unit: string): string {
  let max = 0;
  let min = 0;
  for (let i = 0; i < flat.length; i++) {
    const v = flat[i];
    if (v > max) max = v;
    if (v !== 0 && (min === 0 || v < min)) min = v;
  }
  const minU = autoUnit(min, unit);
  const maxU = autoUnit(max, unit);
  if (minU !== maxU && min * 100 < max) return autoUnit(100 * min, unit);
  return minU;
}

/** pprof's percentage(): "  100%", "46.76%", "0.096%". */
export function percent(value: number, total: number): string {
  const r = total !== 0 ? Math.abs(value / total) * 100 : 0;
  if (r >= 99.95 && r <= 100.05) return '100%';
  if (r >= 1) return r.toFixed(2) + '%';
  if (r === 0) return '0%';
  return Number(r.toPrecision(2)).toString() + '%';
}

/** The exact value for tooltips: integer digits with the sample unit. */
export function exact(value: number, unit: string): string {
  return `${Number.isInteger(value) ? value.toFixed(0) : String(value)} ${unit}`;
}

export function formatTime(nanos: number): string {
  if (!nanos) return '–';
  return new Date(nanos / 1e6).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

/** A change: "+1.50MB", "-370", "0" (label() with an explicit plus sign). */
export function signedLabel(value: number, unit: string, to = autoUnit(value, unit)): string {
  const text = label(value, unit, to);
  return value > 0 && text !== '0' ? `+${text}` : text;
}

/** A change as a share of `total`, with its sign: "+12.30%", "-0.5%". */
export function signedPercent(value: number, total: number): string {
  const text = percent(value, total);
  if (text === '0%') return text;
  return (value < 0 ? '-' : '+') + text;
}

/** A ratio in 0..1 as a whole percentage ("99%"); '–' when unknown (NaN). */
export function ratioPercent(r: number): string {
  return Number.isFinite(r) ? `${Math.round(r * 100)}%` : '–';
}

/**
 * `n` with thousands separators, as `toLocaleString('en-US')` writes it ("1,234,567",
 * "-1,234.5", at most three decimals), without Intl: the first Intl call of a page
 * loads locale data for 20–40 ms, which the first table after a drop would pay.
 */
export function grouped(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  const [int, frac] = (Number.isInteger(abs) ? String(abs) : String(Math.round(abs * 1000) / 1000)).split('.');
  if (/e/.test(int)) return String(n);
  const sign = n < 0 && (int !== '0' || frac) ? '-' : '';
  return sign + int.replace(/\B(?=(\d{3})+$)/g, ',') + (frac ? `.${frac}` : '');
}

/** A count and its noun, plural unless the count is one: "1 goroutine", "1,250 goroutines". */
export function counted(n: number, noun: string): string {
  return `${grouped(n)} ${noun}${n === 1 ? '' : 's'}`;
}
