// The wait-time histogram of the Goroutines view: one bar per bucket of minutes, as
// plain elements (a few bars need no canvas). Text goes in through textContent only.
import { clear, h } from './dom';
import { counted, grouped } from '../format/units';

export class WaitHistogram {
  readonly el: HTMLElement;
  private bars: HTMLElement;

  constructor(host: HTMLElement) {
    this.bars = h('div', { class: 'wait-bars', role: 'list', id: 'goroutine-waits' });
    this.el = h('figure', { class: 'wait-histogram' }, h('figcaption', {}, 'Time waited (minutes the runtime printed)'), this.bars);
    host.append(this.el);
  }

  setData(labels: string[], counts: ArrayLike<number>) {
    clear(this.bars);
    let max = 0;
    for (let i = 0; i < counts.length; i++) max = Math.max(max, counts[i]);
    for (let i = 0; i < labels.length; i++) {
      const n = counts[i] ?? 0;
      const bar = h('span', { class: 'wait-bar' });
      bar.style.width = `${max ? Math.max(n ? 1 : 0, (n / max) * 100) : 0}%`;
      this.bars.append(
        h(
          'div',
          { class: 'wait-row', role: 'listitem', 'aria-label': `${labels[i]}: ${counted(n, 'goroutine')}` },
          h('span', { class: 'wait-label' }, labels[i]),
          h('span', { class: 'wait-track' }, bar),
          h('span', { class: 'wait-count' }, grouped(n)),
        ),
      );
    }
  }
}
