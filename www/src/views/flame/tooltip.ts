// The tooltip of the box under the pointer: its full name (and "(inline)"), its
// file, and Self and Total with their share of the graph (or a style's own lines,
// such as a diff's two sides).
import { label } from '../../format/units';
import { append, clear, h } from '../dom';
import type { FlameTree } from './tree';

export class Tooltip {
  readonly el = h('div', { class: 'tooltip', role: 'tooltip', hidden: true });

  /** `scroller` is the tooltip's positioned parent (the canvas scrolls in it). */
  constructor(private scroller: HTMLElement) {}

  hide() {
    this.el.hidden = true;
  }

  /** Shows box `i` of `tree` next to the pointer; `lines` replaces Self and Total. */
  show(tree: FlameTree, i: number, e: MouseEvent, lines: string[] | null) {
    const d = tree.data;
    const key = d.key[i];
    const total = Math.abs(d.total) || 1;
    const pct = (v: number) => `${((Math.abs(v) / total) * 100).toFixed(2)}%`;
    clear(this.el);
    append(
      this.el,
      h('div', { class: 'tip-name' }, d.names[key], d.inline[i] ? h('span', { class: 'inline-mark' }, ' (inline)') : null),
      d.files[key] ? h('div', { class: 'muted' }, d.files[key]) : null,
      ...(lines ?? [`Self: ${label(d.self[i], d.unit)} (${pct(d.self[i])})`, `Total: ${label(d.value[i], d.unit)} (${pct(d.value[i])})`]).map((line) =>
        h('div', {}, line),
      ),
    );
    this.el.hidden = false;
    const box = this.scroller.getBoundingClientRect();
    let left = e.clientX - box.left + this.scroller.scrollLeft + 14;
    const tipW = this.el.offsetWidth;
    if (left + tipW > this.scroller.clientWidth) left = Math.max(0, left - tipW - 28);
    this.el.style.left = `${left}px`;
    this.el.style.top = `${e.clientY - box.top + this.scroller.scrollTop + 14}px`;
  }
}
