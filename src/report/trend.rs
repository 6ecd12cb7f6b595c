//! A trend over snapshots as text (a table for the terminal) and as JSON.

use crate::query::trend::Trend;
use crate::units::{output_unit, scaled_label};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// The sample type and the snapshots' file names (in input order), for the header.
pub struct TrendContext<'a> {
    pub sample_type: &'a str,
    pub unit: &'a str,
    pub files: &'a [String],
}

#[derive(Serialize)]
struct RowJson<'a> {
    name: &'a str,
    values: &'a [i64],
    delta: i64,
    per_minute: Option<f64>,
    mk_s: i64,
    mk_tau: f64,
    score: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    retention: Option<f64>,
}

#[derive(Serialize)]
struct TrendJson<'a> {
    times: &'a [i64],
    files: Vec<&'a str>,
    totals: &'a [i64],
    /// `runtime.MemStats` series beside the totals, when every snapshot has the block.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    memstats: BTreeMap<&'a str, &'a [u64]>,
    sample_type: ValueTypeJson<'a>,
    rows: Vec<RowJson<'a>>,
}

#[derive(Serialize)]
struct ValueTypeJson<'a> {
    #[serde(rename = "type")]
    ty: &'a str,
    unit: &'a str,
}

/// `{"times":[ns..],"files":[..],"totals":[..],"memstats"?:{"HeapInuse":[..],..},
/// "sample_type":{..},"rows":[{"name","values","delta","per_minute","mk_s","mk_tau","score",
/// "retention"?}..]}`, files in time order.
pub fn json(t: &Trend, cx: &TrendContext) -> String {
    let doc = TrendJson {
        times: &t.times_ns,
        files: t.order.iter().map(|&i| cx.files[i].as_str()).collect(),
        totals: &t.totals,
        memstats: t.memstats.iter().map(|m| (m.name, &m.values[..])).collect(),
        sample_type: ValueTypeJson { ty: cx.sample_type, unit: cx.unit },
        rows: t
            .rows
            .iter()
            .map(|r| RowJson {
                name: &r.name,
                values: &r.values,
                delta: r.measures.delta as i64,
                per_minute: r.measures.per_minute,
                mk_s: r.measures.mk_s,
                mk_tau: r.measures.mk_tau,
                score: r.score,
                retention: r.retention,
            })
            .collect(),
    };
    serde_json::to_string(&doc).expect("plain data always serializes")
}

/// A terminal table: score, tau, delta, rate, retention, the values, then the name.
pub fn text(t: &Trend, cx: &TrendContext, nodecount: Option<usize>) -> String {
    let last_total = t.totals.last().copied().unwrap_or(0);
    let unit = output_unit(0, last_total, cx.unit);
    let fmt = |v: i64| scaled_label(v, cx.unit, &unit);
    let mut s = String::new();
    let _ = writeln!(s, "Trend of {} over {} snapshots, oldest first:", cx.sample_type, t.order.len());
    for (k, &i) in t.order.iter().enumerate() {
        // Text profiles record no time: they keep the order given.
        let when = match t.times_ns[k] {
            0 => "(no time recorded)".to_string(),
            ns => crate::report::header::format_time(ns),
        };
        let _ = writeln!(s, "  t{k}  {when}  {}  total {}", cx.files[i], fmt(t.totals[k]));
    }
    memstats_lines(&mut s, t);
    let _ = writeln!(
        s,
        "Sorted by leak score (steady growth x share of the last total, %); retention = inuse/alloc"
    );
    let mut head = format!("{:>7} {:>6} {:>10} {:>10} {:>6}", "score", "tau", "delta", "per min", "ret%");
    for k in 0..t.order.len() {
        let _ = write!(head, " {:>10}", format!("t{k}"));
    }
    let _ = writeln!(s, "{head}  site");
    for r in t.rows.iter().take(nodecount.unwrap_or(usize::MAX)) {
        let m = &r.measures;
        let rate = m.per_minute.map_or("-".to_string(), |x| fmt(x.round() as i64));
        let ret = r.retention.map_or("-".to_string(), |x| format!("{:.0}", x * 100.0));
        let _ = write!(
            s,
            "{:>7.2} {:>6.2} {:>10} {:>10} {:>6}",
            r.score,
            m.mk_tau,
            fmt(m.delta as i64),
            rate,
            ret
        );
        for &v in &r.values {
            let _ = write!(s, " {:>10}", fmt(v));
        }
        let _ = writeln!(s, "  {}", r.name);
    }
    s
}

/// The `runtime.MemStats` series under the snapshot lines, one row per field, a column per
/// snapshot, in the field's units.
fn memstats_lines(s: &mut String, t: &Trend) {
    if t.memstats.is_empty() {
        return;
    }
    let _ = writeln!(s, "runtime.MemStats of each snapshot, beside the sampled totals:");
    for m in &t.memstats {
        let unit = crate::model::memstats::unit_of(m.name);
        let _ = write!(s, "  {:<12}", m.name);
        for &v in &m.values {
            let shown = match i64::try_from(v) {
                Ok(v) if unit == "bytes" => scaled_label(v, unit, "auto"),
                _ => v.to_string(),
            };
            let _ = write!(s, " {shown:>10}");
        }
        let _ = writeln!(s);
    }
}
