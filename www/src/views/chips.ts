// The active transform stack as removable chips, in order, plus a text box for raw
// pprof regexes (issue 8 point 5). It only renders and reports: the owner keeps the
// stack (state/transforms.ts) and re-derives the profile on every change.
import type { Transform } from '../engine/protocol';
import { OPS, push, removeAt, type Op } from '../state/transforms';
import { clear, h } from './dom';

export class TransformChips {
  readonly el = h('div', { class: 'transforms', role: 'group', 'aria-label': 'Transforms' });
  private readonly list = h('ul', { class: 'transform-chips' });
  private readonly op = h('select', { 'aria-label': 'Transform kind' });
  private readonly value = h('input', { type: 'text', placeholder: 'regex or key=value', 'aria-label': 'Transform value' });
  private stack: Transform[] = [];

  /** `onChange` receives the whole new stack; the chips re-render when `set` is called. */
  constructor(private readonly onChange: (stack: Transform[]) => void) {
    for (const op of OPS) this.op.append(h('option', { value: op }, op));
    const form = h('form', { class: 'transform-add' }, this.op, this.value, h('button', { type: 'submit' }, 'Add'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const value = this.value.value.trim();
      if (!value) return;
      this.value.value = '';
      this.onChange(push(this.stack, { op: this.op.value as Op, value }));
    });
    this.el.append(this.list, form);
  }

  /** Focus goes to the chip that took the removed one's place (or the one before), else to the text box: never to the page. */
  private focusAfterRemoving(i: number) {
    const left = this.list.querySelectorAll<HTMLElement>('.chip-remove');
    (left[Math.min(i, left.length - 1)] ?? this.value).focus();
  }

  set(stack: Transform[]) {
    this.stack = stack;
    clear(this.list);
    stack.forEach((t, i) => {
      const remove = h('button', { type: 'button', class: 'chip-remove', 'aria-label': `Remove ${t.op} ${t.value}` }, '×');
      remove.addEventListener('click', () => {
        this.onChange(removeAt(this.stack, i));
        this.focusAfterRemoving(i);
      });
      // textContent only (via h): values are user regexes and profile names.
      this.list.append(h('li', { class: 'chip', 'data-op': t.op }, h('span', { class: 'chip-op' }, t.op), ' ', h('code', {}, t.value), remove));
    });
  }
}
