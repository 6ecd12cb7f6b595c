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

export function packageColor(name: string): string {
  const pkg = packageOf(name);
  let c = cache.get(pkg);
  if (!c) {
    const hsh = fnv1a(pkg);
    const hue = hsh % 360;
    const light = 62 + ((hsh >>> 9) % 12);
    c = `hsl(${hue} 55% ${light}%)`;
    cache.set(pkg, c);
  }
  return c;
}
