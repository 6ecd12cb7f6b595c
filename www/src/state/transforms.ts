// The transform stack (issue 8 point 5): pprof's filters applied in order to the
// loaded profile. It is plain data so that the URL, the chips and the context menu
// share one model; the engine re-derives from the source profile whenever it changes,
// so removing a transform is just dropping it from the list.
import { TRANSFORMS } from '../engine/generated';
import type { Transform } from '../engine/protocol';

export type Op = Transform['op'];

/** Every op, in the order the text box offers them (the engine's list, see generated.ts). */
export const OPS: Op[] = TRANSFORMS.map((t) => t.op);

/** The context menu's actions on one function name. "merge" is pprof's hide on the
 *  exact name: the frame disappears and its cost falls to its callers. */
export type Action = 'focus' | 'ignore' | 'hide' | 'show_from' | 'merge';
export const ACTIONS: { action: Action; label: string }[] = [
  { action: 'focus', label: 'Focus on function' },
  { action: 'ignore', label: 'Ignore function' },
  { action: 'hide', label: 'Hide function' },
  { action: 'show_from', label: 'Show from function' },
  { action: 'merge', label: 'Merge into callers' },
];

/** Escapes a name for Go's RE2 syntax (the same metacharacters as JS, minus `/`). */
export function quoteMeta(name: string): string {
  return name.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** The transform a context-menu action adds for `name`. Names are matched exactly
 *  (anchored), since the user picked one function, not a pattern. */
export function transformFor(action: Action, name: string): Transform {
  const value = `^${quoteMeta(name)}$`;
  return { op: action === 'merge' ? 'hide' : action, value };
}

/** A new stack with `t` appended (a repeat of the last transform is dropped). */
export function push(stack: Transform[], t: Transform): Transform[] {
  const last = stack[stack.length - 1];
  if (last && last.op === t.op && last.value === t.value) return stack;
  return [...stack, t];
}

/** A new stack without the transform at `index`. */
export function removeAt(stack: Transform[], index: number): Transform[] {
  return stack.filter((_, i) => i !== index);
}

// URL form: `op.value` items joined by `~`, op as a short code. Values are regexes and
// may contain any character, so each value is percent-encoded on its own with `~`
// escaped too; the separator then never occurs inside an item.
const SHORT: Record<Op, string> = {
  focus: 'f', ignore: 'i', hide: 'h', show: 's', show_from: 'sf', prune_from: 'pf', tagfocus: 'tf', tagignore: 'ti',
};
const LONG = Object.fromEntries(Object.entries(SHORT).map(([k, v]) => [v, k as Op])) as Record<string, Op>;

export function encodeStack(stack: Transform[]): string {
  return stack.map((t) => `${SHORT[t.op]}.${encodeURIComponent(t.value).replace(/~/g, '%7E')}`).join('~');
}

/** Parses `encodeStack`'s output; malformed items are skipped rather than misread. */
export function decodeStack(text: string): Transform[] {
  if (!text) return [];
  const out: Transform[] = [];
  for (const item of text.split('~')) {
    const dot = item.indexOf('.');
    const op = LONG[item.slice(0, dot)];
    if (dot < 0 || !op) continue;
    try {
      out.push({ op, value: decodeURIComponent(item.slice(dot + 1)) });
    } catch {
      /* bad escape: skip */
    }
  }
  return out;
}
