//! "Lines of this function": the rows of pprof's `-top -lines` that belong to one
//! function, in line order. A row at lines granularity is named `function file:line`,
//! so these are exactly the rows `go tool pprof -top -lines` prints for that function.

use super::top::top;
use super::view::StackView;
use crate::model::Profile;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRow {
    /// The row's name, as `-top -lines` prints it.
    pub name: String,
    pub file: String,
    pub line: i64,
    pub flat: i64,
    pub cum: i64,
}

/// The function a lines-granularity row belongs to, with its file and line; `None` for a
/// row without a function (an address, or a binary).
pub fn split_line_name<'a>(name: &'a str, place: &'a str) -> Option<(&'a str, &'a str, i64)> {
    let (file, line) = place.rsplit_once(':')?;
    let line: i64 = line.parse().ok()?;
    // pprof leaves the `:line` out of the name when the line is 0.
    let rest = if line == 0 { name.strip_suffix(file)? } else { name.strip_suffix(place)? };
    let function = rest.strip_suffix(' ')?;
    (!function.is_empty()).then_some((function, file, line))
}

/// The rows of `function` in `view` (which must be at lines granularity), by file then line.
pub fn function_lines(p: &Profile, view: &StackView, sample_index: usize, function: &str) -> Vec<LineRow> {
    let mut rows: Vec<LineRow> = top(p, view, sample_index)
        .rows
        .iter()
        .filter_map(|r| {
            let name = view.name(r.key);
            let (f, file, line) = split_line_name(name, &view.keys.places[r.key as usize])?;
            (f == function).then(|| LineRow {
                name: name.to_string(),
                file: file.to_string(),
                line,
                flat: r.flat,
                cum: r.cum,
            })
        })
        .collect();
    rows.sort_by(|a, b| a.file.cmp(&b.file).then(a.line.cmp(&b.line)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_function_file_line() {
        assert_eq!(split_line_name("main.f /a/b.go:12", "/a/b.go:12"), Some(("main.f", "/a/b.go", 12)));
        assert_eq!(split_line_name("a b.c x.go:3", "x.go:3"), Some(("a b.c", "x.go", 3)));
        assert_eq!(split_line_name("main.f /a/b.go", "/a/b.go:0"), Some(("main.f", "/a/b.go", 0)));
        assert_eq!(split_line_name("[binary]", ""), None);
        assert_eq!(split_line_name("/a/b.go:12", "/a/b.go:12"), None);
    }
}
