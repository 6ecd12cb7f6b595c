// The view switcher: an ARIA tablist (Top, Diff, Trend, ...). Arrow keys, Home
// and End move between tabs and select them (the WAI-ARIA tabs pattern with
// automatic activation); a tab with nothing to show yet is disabled
// (aria-disabled, still focusable) and says why in its description.
import type { ViewName } from '../state/url';
import { h } from './dom';

export interface TabDef {
  view: ViewName;
  title: string;
  panel: HTMLElement;
}

export class Tabs {
  private tabs: HTMLButtonElement[];
  /** per tab: why it is disabled (its aria-describedby while it is) */
  private whys: HTMLElement[];
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
    this.whys = defs.map((d) => h('span', { id: `tab-${d.view}-why`, hidden: true }));
    host.append(h('div', { role: 'tablist', class: 'tabs', 'aria-label': 'Views' }, ...this.tabs), ...this.whys);
    this.render();
  }

  /** Shows a view's panel (without telling onChange: the caller drives it). */
  show(view: ViewName) {
    this.active = view;
    this.render();
  }

  /** Enables a tab, or disables it saying why (read with the tab, shown as its tooltip). */
  enable(view: ViewName, on: boolean, why = '') {
    const i = this.index(view);
    const tab = this.tabs[i];
    tab.setAttribute('aria-disabled', String(!on));
    this.whys[i].textContent = on ? '' : why;
    if (on || !why) tab.removeAttribute('aria-describedby'), tab.removeAttribute('title');
    else tab.setAttribute('aria-describedby', this.whys[i].id), (tab.title = why);
  }

  /** The selected tab (the tablist's one tab stop). */
  activeTab(): HTMLButtonElement {
    return this.tabs[this.index(this.active)];
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
