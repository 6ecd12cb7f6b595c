// The function context menu (issue 8 point 5): right-click, the context-menu key or
// Shift+F10 on a table row or the flame graph offers focus / ignore / hide / show from /
// merge into callers for the selected function. Views need no changes: a right-click
// first clicks the row (which selects it through the grid's own handler), and the menu
// then acts on the one selection the view state keeps.
import { ACTIONS, type Action } from '../state/transforms';
import { h } from './dom';

/** A menu item beyond the transforms, e.g. "Show lines" or "Show in sandwich". */
export interface MenuExtra {
  id: string;
  label: string;
  /** before the transforms: an item that only navigates, so an early Enter changes nothing */
  first?: boolean;
  run(name: string): void;
}

/** Where the active item of an element without one DOM node per item is (the flame graph's focused frame). */
export const menuAnchors = new WeakMap<HTMLElement, () => DOMRect | null>();

export class FunctionMenu {
  private readonly menu = h('ul', { role: 'menu', class: 'function-menu', hidden: true, 'aria-label': 'Function' });
  private name = '';
  private returnFocus: HTMLElement | null = null;

  /** `selected` reads the current selection; `onAction` adds the transform. */
  constructor(
    hosts: HTMLElement[],
    private readonly selected: () => string,
    private readonly onAction: (action: Action, name: string) => void,
    extras: MenuExtra[] = [],
  ) {
    const extra = (x: MenuExtra) => {
      const item = h('li', { role: 'menuitem', tabindex: -1, id: `menu-${x.id}`, 'data-extra': x.id }, x.label);
      item.addEventListener('click', () => this.choose(() => x.run(this.name)));
      this.menu.append(item);
    };
    extras.filter((x) => x.first).forEach(extra);
    for (const { action, label } of ACTIONS) {
      const item = h('li', { role: 'menuitem', tabindex: -1, 'data-action': action }, label);
      item.addEventListener('click', () => this.choose(action));
      this.menu.append(item);
    }
    extras.filter((x) => !x.first).forEach(extra);
    this.menu.addEventListener('keydown', (e) => this.onKey(e));
    this.menu.addEventListener('focusout', (e) => {
      if (!this.menu.contains(e.relatedTarget as Node)) this.close(false);
    });
    document.body.append(this.menu);
    for (const host of hosts) {
      host.addEventListener('contextmenu', (e) => {
        const row = (e.target as HTMLElement).closest<HTMLElement>('[role=row][data-pos]');
        row?.click(); // select it first, as a left click would
        e.preventDefault();
        this.open(e.clientX, e.clientY, e.target as HTMLElement);
      });
      host.addEventListener('keydown', (e) => {
        if (e.key !== 'ContextMenu' && !(e.key === 'F10' && e.shiftKey)) return;
        e.preventDefault();
        // at the active row (a grid keeps focus itself and points at the row), else at the element
        const from = e.target as HTMLElement;
        const id = from.getAttribute('aria-activedescendant');
        const r = menuAnchors.get(from)?.() ?? ((id && document.getElementById(id)) || from).getBoundingClientRect();
        this.open(r.left + 20, Math.min(r.bottom, r.top + 24), from);
      });
    }
  }

  private open(x: number, y: number, from: HTMLElement) {
    this.name = this.selected();
    if (!this.name) return;
    this.returnFocus = from;
    this.menu.style.left = `${Math.min(x, innerWidth - 220)}px`;
    this.menu.style.top = `${Math.min(y, innerHeight - 180)}px`;
    this.menu.hidden = false;
    this.items()[0].focus();
  }

  private items() {
    return [...this.menu.querySelectorAll<HTMLElement>('[role=menuitem]')];
  }

  /** Runs a transform action, or an extra item's own function. */
  private choose(what: Action | (() => void)) {
    const name = this.name;
    this.close(true);
    if (typeof what === 'function') what();
    else this.onAction(what, name);
  }

  private close(refocus: boolean) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    if (refocus) this.returnFocus?.focus({ preventScroll: true });
  }

  private onKey(e: KeyboardEvent) {
    const items = this.items();
    const i = items.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number> = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: items.length - 1 };
    if (e.key in move) items[(move[e.key] + items.length) % items.length].focus();
    else if (e.key === 'Enter' || e.key === ' ') items[i]?.click();
    else if (e.key === 'Escape' || e.key === 'Tab') this.close(true);
    else return;
    e.preventDefault();
    e.stopPropagation();
  }
}
