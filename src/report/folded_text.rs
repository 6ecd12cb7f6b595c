//! Folded stacks as text, with the header line of the oracle's `*.folded.txt` files.

use crate::model::Profile;
use crate::query::folded::folded;
use crate::query::StackView;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Writes `# folded stacks ...` then one `path<TAB>v0 v1 ...` line per stack.
pub fn write(p: &Profile, view: &StackView, out: &mut impl Write) -> io::Result<()> {
    let types: Vec<String> =
        p.sample_types.iter().map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit))).collect();
    writeln!(
        out,
        "# folded stacks root;...;leaf<TAB>{} (inlined frames expanded, caller first; merged identical stacks)",
        types.join(" ")
    )?;
    let mut result = Ok(());
    let mut line = String::new();
    folded(p, view, |path, values| {
        if result.is_err() {
            return;
        }
        line.clear();
        line.push_str(path);
        line.push('\t');
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                line.push(' ');
            }
            let _ = write!(line, "{v}");
        }
        line.push('\n');
        result = out.write_all(line.as_bytes());
    });
    result
}
