// The zoom path above the flame graph: "all › main › handler", each a button
// that zooms back to that box. Its label names the graph it belongs to, so a page
// with several flame graphs has distinct navigation landmarks.
import type { FlameBox } from '../../engine/protocol';
import { h } from '../dom';
import type { FlameTree } from './tree';

export class ZoomPath {
  readonly el: HTMLElement;

  /** `graph` names the flame graph ("Flame graph"); `zoom` zooms to a box (null: all). */
  constructor(graph: string, private zoom: (box: FlameBox | null) => void) {
    this.el = h('nav', { class: 'crumbs', 'aria-label': `${graph} zoom path` });
  }

  /** The path from the roots to box `at` of `tree` (-1 or no tree: only "all"). */
  render(tree: FlameTree | null, at: number) {
    const all = h('button', { type: 'button', class: 'crumb' }, 'all');
    all.addEventListener('click', () => this.zoom(null));
    this.el.replaceChildren(all);
    if (!tree || at < 0) return;
    const d = tree.data;
    const path: number[] = [];
    for (let n = at; n >= 0; n = d.parent[n]) path.unshift(n);
    for (const n of path) {
      const b = h('button', { type: 'button', class: 'crumb', 'aria-current': n === at ? 'true' : undefined }, tree.name(n));
      const box = { node: d.node[n], start: d.start[n], width: tree.width[n] };
      b.addEventListener('click', () => this.zoom(box));
      this.el.append(' › ', b);
    }
  }
}
