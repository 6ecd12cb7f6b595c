// "Copy as pprof command": the `go tool pprof` command line that prints the view
// on screen, so a colleague can check a finding with the Go toolchain alone.
// Flags are pprof's own (see the README's Semantics); every row is printed
// (-nodecount, -nodefraction) because the table shows every row.
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

export function pprofCommand(v: PprofView): string {
  const args = ['go', 'tool', 'pprof', '-top', '-nodecount=1000000', '-nodefraction=0'];
  if (v.sampleType) args.push(`-sample_index=${v.sampleType}`);
  args.push(`-${v.granularity}`);
  if (v.cum) args.push('-cum');
  for (const t of v.transforms ?? []) args.push(`-${t.op}=${t.value}`);
  if (v.diff) {
    if (v.diff.normalize) args.push('-normalize');
    if (v.diff.dropNegative) args.push('-drop_negative');
    args.push(`-${v.diff.mode}`, v.diff.base);
  }
  args.push(v.file);
  const cmd = args.map(shellQuote).join(' ');
  return v.textDump ? `# pprof reads goroutine dumps only as profile.proto (?debug=0, not ?debug=1 or 2)\n${cmd}` : cmd;
}
