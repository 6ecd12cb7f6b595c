//! Folded stacks as text, with the header line of the oracle's `*.folded.txt` files.

use crate::model::Profile;
use std::io::{self, Write};

/// Writes `# folded stacks ...` then one `path<TAB>v0 v1 ...` line per stack.
pub fn write(p: &Profile, lines: &[(String, Vec<i64>)], out: &mut impl Write) -> io::Result<()> {
    let types: Vec<String> =
        p.sample_types.iter().map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit))).collect();
    writeln!(
        out,
        "# folded stacks root;...;leaf<TAB>{} (inlined frames expanded, caller first; merged identical stacks)",
        types.join(" ")
    )?;
    let mut values = String::new();
    for (path, vs) in lines {
        values.clear();
        for (i, v) in vs.iter().enumerate() {
            if i > 0 {
                values.push(' ');
            }
            values.push_str(&v.to_string());
        }
        writeln!(out, "{path}\t{values}")?;
    }
    Ok(())
}
