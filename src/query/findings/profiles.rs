//! What the contention and CPU findings read from a profile.proto: a function's flat and
//! cum as `go tool pprof -top` prints them, the program's own "sites" (the first own
//! function above each sample's leaf), the heaviest path through a function, and the
//! commands that print those numbers again.

use super::{is_own, shell_word, PathFrame};
use crate::model::Profile;
use crate::query::filter::{regex, Filters};
use crate::query::top::top;
use crate::query::{Granularity, StackView};
use std::collections::HashMap;

/// flat and cum per function name, for one sample type, as `go tool pprof -top` computes
/// them (function granularity, `drop_frames` cut), and pprof's total.
pub struct Rows {
    pub by_name: HashMap<String, (i64, i64)>,
    pub total: i64,
}

impl Rows {
    pub fn of(p: &Profile, sample_index: usize) -> Rows {
        let view = StackView::new(p, Granularity::Functions);
        let t = top(p, &view, sample_index);
        let by_name = t.rows.iter().map(|r| (view.name(r.key).to_string(), (r.flat, r.cum))).collect();
        Rows { by_name, total: t.total }
    }

    /// [`Rows::of`] the samples with `function` on their stack: pprof's
    /// `-focus='^function$'`.
    pub fn under(p: &Profile, sample_index: usize, function: &str) -> Rows {
        let focus = regex("focus", &focus_regex(function)).ok();
        let filtered = Filters { focus, ..Filters::default() }.apply(p);
        let mut rows = Rows::of(&filtered, sample_index);
        rows.total = Rows::of(p, sample_index).total;
        rows
    }

    pub fn cum(&self, function: &str) -> i64 {
        self.by_name.get(function).map_or(0, |r| r.1)
    }
}

/// The index of the sample type named `ty`.
pub fn sample_index(p: &Profile, ty: &str) -> Option<usize> {
    p.sample_types.iter().position(|t| p.str(t.ty) == ty)
}

/// The function names of a sample's stack, innermost first (inlined frames included).
pub fn stack_names(p: &Profile, sample: usize) -> Vec<&str> {
    let mut out = Vec::new();
    for loc in p.stacks.locations_leaf_first(p.samples.stack[sample]) {
        for line in p.location_lines(&p.locations[loc as usize]) {
            out.push(p.str(p.functions[line.function as usize].name));
        }
    }
    out
}

/// The program's own sites of the samples with a non-zero value: for each, the first own
/// function above the leaf, and the function it calls there (the wait, or the library
/// call it spends in). Sites come in order of first appearance.
pub fn own_sites(p: &Profile, sample_index: usize) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for i in 0..p.samples.len() {
        if p.samples.values[sample_index][i] == 0 {
            continue;
        }
        let names = stack_names(p, i);
        let Some(k) = names.iter().position(|f| is_own(f)) else { continue };
        let callee = (k > 0).then(|| names[k - 1].to_string());
        let at = match out.iter().position(|(s, _)| s == names[k]) {
            Some(at) => at,
            None => {
                out.push((names[k].to_string(), Vec::new()));
                out.len() - 1
            }
        };
        if let Some(c) = callee.filter(|c| !out[at].1.contains(c)) {
            out[at].1.push(c);
        }
    }
    out
}

/// The path, from the entry point down, of the sample with the largest value that has
/// `function` on its stack.
pub fn heaviest_path(p: &Profile, sample_index: usize, function: &str) -> Vec<PathFrame> {
    let best = (0..p.samples.len())
        .filter(|&i| stack_names(p, i).contains(&function))
        .max_by_key(|&i| p.samples.values[sample_index][i].abs());
    best.map_or_else(Vec::new, |i| path_of(p, i))
}

/// A sample's frames, from the entry point down; inlined frames are marked.
pub fn path_of(p: &Profile, sample: usize) -> Vec<PathFrame> {
    let mut path = Vec::new();
    for loc in p.stacks.locations_leaf_first(p.samples.stack[sample]) {
        let lines = p.location_lines(&p.locations[loc as usize]);
        for (k, line) in lines.iter().enumerate() {
            let f = &p.functions[line.function as usize];
            path.push(PathFrame {
                function: p.str(f.name).to_string(),
                file: p.str(f.file).to_string(),
                line: line.line,
                inline: k + 1 < lines.len(),
            });
        }
    }
    path.reverse();
    path
}

/// `^function$` with Go's regexp metacharacters escaped (as `regexp.QuoteMeta` does).
pub fn focus_regex(function: &str) -> String {
    let quoted: String = function
        .chars()
        .flat_map(|c| if r"\.+*?()|[]{}^$".contains(c) { vec!['\\', c] } else { vec![c] })
        .collect();
    format!("^{quoted}$")
}

/// `go tool pprof -top -cum -unit=… -sample_index=TY [-focus=RE] [-base FIRST] LAST`.
pub fn pprof_cum(ty: &str, unit: &str, focus: Option<&str>, base: Option<&str>, file: &str) -> String {
    let mut c = format!("go tool pprof -top -cum -unit={unit} -sample_index={ty}");
    if let Some(f) = focus {
        c.push_str(&format!(" -focus={}", shell_word(&focus_regex(f))));
    }
    if let Some(b) = base {
        c.push_str(&format!(" -base {}", shell_word(b)));
    }
    c.push_str(&format!(" {}", shell_word(file)));
    c
}
