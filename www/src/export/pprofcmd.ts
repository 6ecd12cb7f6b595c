// "Copy as pprof command": the `go tool pprof` command line that prints the view
// on screen, so a colleague can check a finding with the Go toolchain alone.
// Flags are pprof's own (see the README's Semantics); every row is printed
// (-nodecount, -nodefraction) because the table shows every row.
import { TRANSFORMS } from '../engine/generated';
import type { DiffMode, Granularity, Transform } from '../engine/protocol';

/** What the command must reproduce. File names are as the user opened them. */
export interface PprofView {
  file: string;
  sampleType: string;
  granularity: Granularity;
  /** sorted by cum on screen (pprof's -cum) */
  cum?: boolean;
  diff?: { base: string; mode: DiffMode; normalize?: boolean; dropNegative?: boolean } | null;
  transforms?: Transform[];
  /** a goroutine dump in a text form, which pprof cannot read */
  textDump?: boolean;
}

/** A shell word: bare when it is plainly safe, otherwise single-quoted. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The order pprof applies its filter flags in (driver's applyFocus), whatever their order
 *  on the command line, and the ops where two are one flag `a|b` (the engine's list). */
const PPROF_ORDER: Transform['op'][] = [...TRANSFORMS].sort((a, b) => a.pprofRank - b.pprofRank).map((t) => t.op);
const JOINABLE = new Set<Transform['op']>(TRANSFORMS.filter((t) => t.joinable).map((t) => t.op));

/**
 * The transform stack as pprof flags. pprof takes one flag of each kind (the last wins)
 * and applies them in its own order, so a stack is `exact` only when it needs at most one
 * flag of each kind (repeated ignore/hide are joined with `|`) and is in pprof's order.
 */
export function transformFlags(stack: Transform[]): { flags: string[]; exact: boolean } {
  const byOp = new Map<Transform['op'], string[]>();
  for (const t of stack) byOp.set(t.op, [...(byOp.get(t.op) ?? []), t.value]);
  const ranks = stack.map((t) => PPROF_ORDER.indexOf(t.op));
  let exact = ranks.every((r, i) => i === 0 || r >= ranks[i - 1]);
  const flags: string[] = [];
  for (const op of PPROF_ORDER) {
    const values = byOp.get(op);
    if (!values) continue;
    if (values.length > 1 && !JOINABLE.has(op)) exact = false;
    const value = JOINABLE.has(op) && values.length > 1 ? values.map((v) => `(?:${v})`).join('|') : values[values.length - 1];
    flags.push(`-${op}=${value}`);
  }
  return { flags, exact };
}

export function pprofCommand(v: PprofView): string {
  const args = ['go', 'tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0'];
  if (v.sampleType) args.push(`-sample_index=${v.sampleType}`);
  args.push(`-${v.granularity}`);
  if (v.cum) args.push('-cum');
  const filters = transformFlags(v.transforms ?? []);
  args.push(...filters.flags);
  if (v.diff) {
    if (v.diff.normalize) args.push('-normalize');
    if (v.diff.dropNegative) args.push('-drop_negative');
    args.push(`-${v.diff.mode}`, v.diff.base);
  }
  args.push(v.file);
  const notes = [
    v.textDump ? '# pprof reads goroutine dumps only as profile.proto (?debug=0, not ?debug=1 or 2)' : '',
    filters.exact ? '' : '# pprof takes one flag of each kind, in its own order: these flags approximate the transform stack',
  ].filter(Boolean);
  return [...notes, args.map(shellQuote).join(' ')].join('\n');
}
