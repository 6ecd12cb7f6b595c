//! Folded stacks as text, with the header line of the oracle's `*.folded.txt` files. Names
//! go through `escape::folded`, so a `;` or a line break in one forges no frame or stack.

use super::escape::folded::{frame, line_text};
use crate::model::Profile;
use crate::query::folded::folded_as;
use crate::query::StackView;
use std::fmt::Write as _;
use std::io::{self, Write};

/// Writes `# folded stacks ...` then one `path<TAB>v0 v1 ...` line per stack.
pub fn write(p: &Profile, view: &StackView, out: &mut impl Write) -> io::Result<()> {
    let types: Vec<String> = p
        .sample_types
        .iter()
        .map(|t| format!("{}/{}", line_text(p.str(t.ty)), line_text(p.str(t.unit))))
        .collect();
    writeln!(
        out,
        "# folded stacks root;...;leaf<TAB>{} (inlined frames expanded, caller first; merged identical stacks)",
        types.join(" ")
    )?;
    let mut result = Ok(());
    let mut line = String::new();
    folded_as(p, view, frame, |path, values| {
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
