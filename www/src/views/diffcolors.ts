// Colours of a differential flame graph: red where the value grew, blue where
// it shrank, deeper the larger the change; violet for stacks that are new in
// the target (their base is 0). A delta profile (a diff by itself, with no
// sides) gets the same reds and blues from the sign of its values.
//
// Each box is coloured by the change of its whole subtree, so the path from
// the root down to a growing site is red all the way: the eye can follow it.
// Intensity is sqrt(|change| / largest |change|), so that a change a hundredth
// of the largest still shows.
//
// Absolute colouring compares values (target − base). Relative colouring
// compares shares of each side's own total (target/targetTotal −
// base/baseTotal): a site that grew only as fast as the whole heap stays grey.
import type { FlameResult } from '../engine/protocol';
import { label, signedLabel } from '../format/units';
import type { Colouring } from '../state/url';
import type { FlameStyle } from './flame';
import { DIFF_PALETTE, GREW, NEW, SHRANK, STEPS } from './palettes';

export { LEGEND } from './palettes';

/** The two sides of a diff flame graph, per box, and each side's total. */
export interface DiffSides {
  base: Float64Array;
  target: Float64Array;
  baseTotal: number;
  targetTotal: number;
}

/** Palette indices from each node's change (its sign and size) and newness. */
function paint(change: ArrayLike<number>, isNew: (i: number) => boolean): Uint8Array {
  let scale = 0;
  for (let i = 0; i < change.length; i++) scale = Math.max(scale, Math.abs(change[i]));
  const index = new Uint8Array(change.length);
  for (let i = 0; i < change.length; i++) {
    const c = change[i];
    if (c === 0 || !scale) continue;
    const step = Math.max(1, Math.ceil(Math.sqrt(Math.abs(c) / scale) * STEPS));
    index[i] = (isNew(i) ? NEW : c > 0 ? GREW : SHRANK) + step - 1;
  }
  return index;
}

const pct = (v: number, total: number) => (total ? `${((v / total) * 100).toFixed(2)}%` : '–');

/** The style of a diff flame graph (`d.value` is target − base). */
export function diffStyle(d: FlameResult, sides: DiffSides, colouring: Colouring): FlameStyle {
  const { base, target, baseTotal, targetTotal } = sides;
  const change =
    colouring === 'relative'
      ? Float64Array.from(target, (t, i) => (targetTotal ? t / targetTotal : 0) - (baseTotal ? base[i] / baseTotal : 0))
      : d.value;
  return {
    palette: DIFF_PALETTE,
    index: paint(change, (i) => base[i] === 0 && target[i] !== 0),
    tip(i) {
      const b = base[i];
      const growth = b === 0 ? (target[i] === 0 ? '' : 'new in the target') : `${signedPct(d.value[i], b)} of base`;
      return [
        `Base → Target: ${label(b, d.unit)} → ${label(target[i], d.unit)}`,
        `Delta: ${signedLabel(d.value[i], d.unit)}${growth ? ` (${growth})` : ''}`,
        `Share of total: ${pct(b, baseTotal)} → ${pct(target[i], targetTotal)}`,
        `Self delta: ${signedLabel(d.self[i], d.unit)}`,
      ];
    },
  };
}

/** The style of a delta profile's flame graph: only the change is known. */
export function deltaStyle(d: FlameResult): FlameStyle {
  const total = Math.abs(d.total) || 1;
  return {
    palette: DIFF_PALETTE,
    index: paint(d.value, () => false),
    tip: (i) => [
      `Delta: ${signedLabel(d.value[i], d.unit)} (${signedPct(d.value[i], total)} of total)`,
      `Self delta: ${signedLabel(d.self[i], d.unit)}`,
    ],
  };
}

/** "+1541.25%", "-3.10%": a change relative to a reference value. */
function signedPct(v: number, of: number): string {
  const r = (v / Math.abs(of)) * 100;
  return `${r > 0 ? '+' : ''}${r.toFixed(2)}%`;
}
