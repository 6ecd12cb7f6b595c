//! `proflens goroutines OLD … NEW`: the groups of three or more dumps (in the order given,
//! oldest first), each with its count per dump, ranked by leak score (see
//! `query::goroutines::series`). As text, a table; as JSON:
//!
//! ```text
//! {"files":[..],"totals":[..],"groups":[{"state":..,"function":..,"created_by":..|null,
//!   "counts":[..],"wait_max":[..],"delta":N,"mk_tau":F,"score":F,"likely_leak":B},..]}
//! ```

use crate::model::goroutines::Dump;
use crate::query::goroutines::{Group, SeriesRow};
use serde::Serialize;
use std::fmt::Write;

/// The dumps (oldest first), their groups, names, and the ranked rows.
pub struct SeriesReport<'a> {
    pub dumps: &'a [(&'a Dump, &'a [Group])],
    pub files: &'a [String],
    pub rows: &'a [SeriesRow],
}

#[derive(Serialize)]
struct RowJson<'a> {
    state: &'a str,
    function: &'a str,
    created_by: Option<&'a str>,
    counts: &'a [u64],
    wait_max: &'a [u32],
    delta: i64,
    mk_tau: f64,
    score: f64,
    likely_leak: bool,
}

#[derive(Serialize)]
struct SeriesJson<'a> {
    files: &'a [String],
    totals: Vec<u64>,
    groups: Vec<RowJson<'a>>,
}

/// The state, innermost function and creator of a row, from the latest dump that has it.
fn names<'a>(r: &SeriesReport<'a>, row: &SeriesRow) -> (&'a str, &'a str, Option<&'a str>) {
    let (d, g) = row.aligned.representative();
    let (dump, groups) = r.dumps[d];
    let group = &groups[g];
    let f = |f| dump.str(dump.frames.function(f));
    (
        dump.str(group.state),
        group.frames(dump).first().map_or("", |&x| f(x)),
        group.created_by.map(|c| f(c.frame)),
    )
}

pub fn json(r: &SeriesReport) -> String {
    let groups = r
        .rows
        .iter()
        .map(|row| {
            let (state, function, created_by) = names(r, row);
            RowJson {
                state,
                function,
                created_by,
                counts: &row.aligned.counts,
                wait_max: &row.aligned.wait_max,
                delta: row.measures.delta as i64,
                mk_tau: row.measures.mk_tau,
                score: row.score,
                likely_leak: row.likely_leak,
            }
        })
        .collect();
    let doc = SeriesJson { files: r.files, totals: r.dumps.iter().map(|(d, _)| d.total()).collect(), groups };
    serde_json::to_string(&doc).expect("plain data always serializes")
}

pub fn text(r: &SeriesReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Goroutine groups over {} dumps, oldest first:", r.dumps.len());
    for (k, (file, (d, _))) in r.files.iter().zip(r.dumps).enumerate() {
        let _ = writeln!(s, "  d{k}  {file}  {} goroutines", d.total());
    }
    s.push('\n');
    let counts: String = (0..r.dumps.len()).map(|k| format!("{:>8}", format!("d{k}"))).collect();
    let _ = writeln!(s, "{:>7} {:>6} {:>8}{counts}  state / function", "score", "tau", "delta");
    for row in r.rows {
        let (state, function, _) = names(r, row);
        let counts: String = row.aligned.counts.iter().map(|c| format!("{c:>8}")).collect();
        let flag = if row.likely_leak { "  LIKELY LEAK" } else { "" };
        let _ = writeln!(
            s,
            "{:>7.2} {:>6.2} {:>+8}{counts}  {state} / {function}{flag}",
            row.score, row.measures.mk_tau, row.measures.delta as i64
        );
    }
    s
}
