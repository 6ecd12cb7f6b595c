// Folded stacks for flamegraph.pl and inferno: `root;…;leaf value`, one value.
// The engine writes every sample type's value on a line (the CLI's `folded`),
// after a `#` legend; those tools read one value, so the shown type is kept and
// stacks without a value for it are left out.

export function foldedFor(engineText: string, sampleIndex: number): string {
  let out = '';
  for (const line of engineText.split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (!line || line.startsWith('#') || tab < 0) continue;
    const v = line.slice(tab + 1).split(' ')[sampleIndex];
    if (v && v !== '0') out += `${line.slice(0, tab)} ${v}\n`;
  }
  return out;
}
