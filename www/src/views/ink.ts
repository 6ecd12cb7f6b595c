// The ink of a flame graph's labels: black or white, whichever contrasts more
// with the box behind it. One of the two always reaches 4.58:1 (the worst case
// is a box of relative luminance 0.179, where both are equal), so every palette
// meets WCAG's 4.5:1 for text, whatever its colours. Import-free, so that
// tests/e2e/contrast.test.mjs checks the palettes under node alone.

export const DARK_INK = '#000';
export const LIGHT_INK = '#fff';

/** "#rgb" or "#rrggbb" -> [r, g, b] in 0..255. */
export function rgbOf(hex: string): [number, number, number] {
  const x = hex.replace('#', '');
  const full = x.length === 3 ? [...x].map((c) => c + c).join('') : x;
  const n = parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 relative luminance of a hex colour. */
export function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two hex colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const inks = new Map<string, string>();

/** The label colour for a box filled with `fill` (a hex colour). */
export function inkFor(fill: string): string {
  let ink = inks.get(fill);
  if (!ink) {
    ink = contrast(fill, DARK_INK) >= contrast(fill, LIGHT_INK) ? DARK_INK : LIGHT_INK;
    inks.set(fill, ink);
  }
  return ink;
}
