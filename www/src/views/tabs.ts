// The view switcher: an ARIA tablist (Top, Diff, Trend). Arrow keys, Home and
// End move between tabs, as the WAI-ARIA tabs pattern has it; a tab with
// nothing to show yet is disabled (aria-disabled, still focusable).
import type { ViewName } from '../state/url';
import { h } from './dom';

export interface TabDef {
  view: ViewName;
  title: string;
  panel: HTMLElement;
}

export class Tabs {
  private tabs: HTMLButtonElement[];
  active: ViewName;

  constructor(host: HTMLElement, private defs: TabDef[], private onChange: (v: ViewName) => void) {
    this.active = defs[0].view;
    this.tabs = defs.map((d) => {
      const tab = h('button', { type: 'button', role: 'tab', id: `tab-${d.view}`, 'aria-controls': d.panel.id }, d.title);
      d.panel.setAttribute('role', 'tabpanel');
      d.panel.setAttribute('aria-labelledby', tab.id);
      tab.addEventListener('click', () => this.choose(d.view));
      tab.addEventListener('keydown', (e) => this.onKey(e));
      return tab;
    });
    host.append(h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Views' }, ...this.tabs));
    this.render();
  }

  /** Shows a view's panel (without telling onChange: the caller drives it). */
  show(view: ViewName) {
    this.active = view;
    this.render();
  }

  enable(view: ViewName, on: boolean) {
    this.tabs[this.index(view)].setAttribute('aria-disabled', String(!on));
  }

  enabled(view: ViewName): boolean {
    return this.tabs[this.index(view)].getAttribute('aria-disabled') !== 'true';
  }

  private choose(view: ViewName) {
    if (!this.enabled(view) || view === this.active) return;
    this.show(view);
    this.onChange(view);
  }

  private index(view: ViewName) {
    return this.defs.findIndex((d) => d.view === view);
  }

  private render() {
    this.defs.forEach((d, i) => {
      const on = d.view === this.active;
      this.tabs[i].setAttribute('aria-selected', String(on));
      this.tabs[i].tabIndex = on ? 0 : -1;
      d.panel.hidden = !on;
    });
  }

  private onKey(e: KeyboardEvent) {
    const n = this.tabs.length;
    const i = this.tabs.indexOf(e.target as HTMLButtonElement);
    const next = { ArrowRight: (i + 1) % n, ArrowLeft: (i - 1 + n) % n, Home: 0, End: n - 1 }[e.key];
    if (next === undefined) return;
    e.preventDefault();
    this.tabs[next].focus();
    this.choose(this.defs[next].view);
  }
}
