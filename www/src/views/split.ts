// The table and the flame graph share the height of the window: a divider
// between them (drag it, or focus it and use the arrow keys) sets the table's
// height, kept in localStorage (it is layout, not part of the view in the URL).
// It is a focusable ARIA separator: its value is the table's height in pixels,
// between aria-valuemin and aria-valuemax (the window's height less the rest).
import { h } from './dom';
import './layout.css';

const KEY = 'proflens.tableHeight';
const MIN = 88;

export function mountSplit(views: HTMLElement, below: HTMLElement): HTMLElement {
  const bar = h('div', {
    class: 'split',
    id: 'split',
    role: 'separator',
    tabindex: 0,
    'aria-orientation': 'horizontal',
    'aria-label': 'Resize the table and the flame graph',
    'aria-valuemin': MIN,
  });
  below.before(bar);
  const max = () => Math.max(MIN, window.innerHeight - 220);
  const set = (px: number) => {
    const v = Math.round(Math.min(max(), Math.max(MIN, px)));
    views.style.setProperty('--table-h', `${v}px`);
    bar.setAttribute('aria-valuenow', String(v));
    bar.setAttribute('aria-valuemax', String(max()));
    return v;
  };
  const current = () => parseFloat(getComputedStyle(views).getPropertyValue('--table-h')) || window.innerHeight * 0.35;
  // the saved height, or the default (35% of the window): either way the separator has a value
  set(Number(localStorage.getItem(KEY)) || current());
  window.addEventListener('resize', () => set(current()));
  const save = (v: number) => localStorage.setItem(KEY, String(v));

  bar.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    bar.setPointerCapture(e.pointerId);
    const y0 = e.clientY;
    const h0 = current();
    const move = (ev: PointerEvent) => set(h0 + ev.clientY - y0);
    const up = (ev: PointerEvent) => {
      save(set(h0 + ev.clientY - y0));
      bar.removeEventListener('pointermove', move);
      bar.removeEventListener('pointerup', up);
    };
    bar.addEventListener('pointermove', move);
    bar.addEventListener('pointerup', up);
  });
  bar.addEventListener('keydown', (e) => {
    const step = e.shiftKey ? 100 : 24;
    if (e.key === 'ArrowUp') save(set(current() - step));
    else if (e.key === 'ArrowDown') save(set(current() + step));
    else if (e.key === 'Home') save(set(MIN));
    else if (e.key === 'End') save(set(max()));
    else return;
    e.preventDefault();
  });
  return bar;
}
