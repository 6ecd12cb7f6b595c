// Colour by package, from a hash of the package name alone, so one package has
// the same colour in every profile and every session.

/** "net/http.(*conn).serve" -> "net/http"; "pkg.f file.go:12" -> "pkg". */
export function packageOf(name: string): string {
  let n = name;
  const sp = n.indexOf(' ');
  if (sp > 0) n = n.slice(0, sp);
  const slash = n.lastIndexOf('/');
  const dot = n.indexOf('.', slash + 1);
  if (dot > 0) return n.slice(0, dot);
  const colons = n.indexOf('::');
  if (colons > 0) return n.slice(0, colons);
  return slash > 0 ? n.slice(0, slash) : n;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const cache = new Map<string, string>();

/** Package colours: one of 360 hues times PACKAGE_STEPS lightnesses. */
export const PACKAGE_STEPS = 12;

/** The package colour of a hue (0..359) and a lightness step (0..PACKAGE_STEPS-1). */
export function packageTone(hue: number, step: number): string {
  return hslHex(hue, 0.55, 0.62 + step / 100);
}

export function packageColor(name: string): string {
  const pkg = packageOf(name);
  let c = cache.get(pkg);
  if (!c) {
    const hsh = fnv1a(pkg);
    c = packageTone(hsh % 360, (hsh >>> 9) % PACKAGE_STEPS);
    cache.set(pkg, c);
  }
  return c;
}

/** hsl -> "#rrggbb": canvas parses hex colours faster than hsl() strings. */
export function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const v = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}
