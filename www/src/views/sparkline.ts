// A sparkline: one small inline SVG per table row, its polyline redrawn as the
// virtualized row is reused. Each row is scaled from 0 (or its minimum, if
// negative) to its own maximum, so the shape shows how steadily a site grew;
// the size of the growth is in the table's other columns.
const NS = 'http://www.w3.org/2000/svg';
const W = 80;
const H = 16;

export function makeSparkline(): SVGSVGElement {
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('width', String(W));
  svg.setAttribute('height', String(H));
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('aria-hidden', 'true');
  const line = document.createElementNS(NS, 'polyline');
  const dot = document.createElementNS(NS, 'circle');
  dot.setAttribute('r', '2');
  svg.append(line, dot);
  return svg;
}

/** Draws `values[from .. from + n)` (one series) into a sparkline. */
export function drawSparkline(svg: SVGSVGElement, values: ArrayLike<number>, from: number, n: number) {
  let lo = 0;
  let hi = 0;
  for (let k = 0; k < n; k++) {
    lo = Math.min(lo, values[from + k]);
    hi = Math.max(hi, values[from + k]);
  }
  const span = hi - lo || 1;
  const pts: string[] = [];
  for (let k = 0; k < n; k++) {
    const x = n > 1 ? 2 + (k * (W - 4)) / (n - 1) : W / 2;
    const y = H - 2 - ((values[from + k] - lo) / span) * (H - 4);
    pts.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  const [line, dot] = svg.children;
  line.setAttribute('points', pts.join(' '));
  const [x, y] = pts[pts.length - 1]?.split(',') ?? ['0', '0'];
  dot.setAttribute('cx', x);
  dot.setAttribute('cy', y);
}
