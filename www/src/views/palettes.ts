// The flame graphs' fixed palettes (the package colours are in colors.ts):
// search matches, goroutine states, and the differential flame graph's grey for
// no change then STEPS shades each of grew (red), shrank (blue) and new
// (violet), light to deep. Hex colours only, for ink.ts; import-free but for
// colors.ts, so that tests/e2e/contrast.test.mjs loads them under node.
import { hslHex } from './colors';

/** Boxes while searching: the matches, and the rest. */
export const SEARCH_HIT = '#f2a93b';
export const SEARCH_MISS = '#d9d9d9';

const STATE_COLORS: Record<string, string> = {
  'chan receive': '#e4572e',
  'chan send': '#f3a712',
  select: '#6b9ac4',
  'select (no cases)': '#4059ad',
  semacquire: '#a23b72',
  'sync.Mutex.Lock': '#c1666b',
  'sync.RWMutex.Lock': '#d4a5a5',
  'sync.RWMutex.RLock': '#e2c2c6',
  'sync.Cond.Wait': '#9a879d',
  'sync.WaitGroup.Wait': '#7a3b69',
  'IO wait': '#29bf12',
  sleep: '#abff4f',
  syscall: '#08bdbd',
  running: '#ffbf00',
  runnable: '#ffe066',
  unknown: '#b0b0b0',
};
export const KNOWN_STATES = Object.keys(STATE_COLORS);

/** A goroutine state's colour: fixed for the common ones, otherwise a grey-blue by hash. */
export function stateColor(state: string): string {
  const c = STATE_COLORS[state];
  if (c) return c;
  let x = 0;
  for (let i = 0; i < state.length; i++) x = (x * 31 + state.charCodeAt(i)) >>> 0;
  return hslHex(200 + (x % 60), 0.25, (55 + (x % 20)) / 100);
}

export const STEPS = 24;
const NEUTRAL = '#e2e2e2';
/** palette index ranges: 0 neutral, then STEPS each of grew, shrank, new */
export const GREW = 1;
export const SHRANK = GREW + STEPS;
export const NEW = SHRANK + STEPS;

/** Light to deep: [r, g, b] at the weakest and at the strongest change. */
const RAMPS: [number[], number[]][] = [
  [[0xfb, 0xe3, 0xdf], [0xd9, 0x3a, 0x2e]], // grew: red
  [[0xdf, 0xe9, 0xfb], [0x2f, 0x6f, 0xd6]], // shrank: blue
  [[0xef, 0xe2, 0xfa], [0x8e, 0x44, 0xd0]], // new: violet
];

export const DIFF_PALETTE: string[] = [NEUTRAL];
for (const [lo, hi] of RAMPS) {
  for (let s = 1; s <= STEPS; s++) {
    const t = s / STEPS;
    DIFF_PALETTE.push('#' + lo.map((c, k) => Math.round(c + (hi[k] - c) * t).toString(16).padStart(2, '0')).join(''));
  }
}

/** The legend's swatches: the strongest colour of each kind. */
export const LEGEND = { grew: DIFF_PALETTE[GREW + STEPS - 1], shrank: DIFF_PALETTE[SHRANK + STEPS - 1], new: DIFF_PALETTE[NEW + STEPS - 1], same: NEUTRAL };

