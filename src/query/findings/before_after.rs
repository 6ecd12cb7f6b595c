//! Before and after a fix: the findings of the two sets of files, lined up. A finding of
//! the before set is **gone** when the after set has none of its kind about the same
//! function, **smaller** when it has one whose first number is lower (both numbers are
//! given), and **still there** otherwise; a finding only the after set has is **new**.
//! The two sets are the user's split, or a time gap ([`split_by_gap`]).

use super::{Finding, Findings, Kind};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Gone,
    Smaller,
    StillThere,
    New,
}

/// What became of a finding after the fix; `before` and `after` are the number it is
/// compared by (see `number`) on each side, when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Status {
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub before: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub after: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub unit: Option<String>,
}

/// The before set's findings, each with its status, then the findings new after the fix.
pub fn compare(before: Findings, after: Findings) -> Findings {
    let mut taken = vec![false; after.findings.len()];
    let mut out = Vec::new();
    for mut b in before.findings {
        let matched = after.findings.iter().enumerate().find(|(i, a)| !taken[*i] && key(a) == key(&b));
        let (vb, unit) = number(&b);
        b.status = Some(match matched {
            None => Status { state: State::Gone, before: Some(vb), after: None, unit },
            Some((i, a)) => {
                taken[i] = true;
                let va = number(a).0;
                let state = if va < vb { State::Smaller } else { State::StillThere };
                Status { state, before: Some(vb), after: Some(va), unit }
            }
        });
        out.push(b);
    }
    for (i, mut a) in after.findings.into_iter().enumerate() {
        if !taken[i] {
            let (va, unit) = number(&a);
            a.status = Some(Status { state: State::New, before: None, after: Some(va), unit });
            out.push(a);
        }
    }
    Findings { findings: out, advice: after.advice }
}

/// A finding is the same finding on both sides when it is of the same kind about the
/// same functions (or, without functions, says the same up to its first number).
fn key(f: &Finding) -> (Kind, String) {
    let what = if f.functions.is_empty() {
        f.title.split(|c: char| c.is_ascii_digit()).next().unwrap_or("").to_string()
    } else {
        f.functions.join(" ")
    };
    (f.kind, what)
}

/// The number a finding is compared by: its first evidence's value (the growth, the
/// goroutines, the delay…), but for HeapInuse's growth, whose evidence is the first and
/// the last value, their difference; without evidence, its rounded score.
fn number(f: &Finding) -> (i64, Option<String>) {
    match &f.evidence[..] {
        [first, last] if f.kind == Kind::RuntimeMemory => {
            (last.value - first.value, Some(first.unit.clone()))
        }
        [e, ..] => (e.value, Some(e.unit.clone())),
        [] => (f.score.round() as i64, Some("score".into())),
    }
}

/// The largest gap between two snapshots splits them into before and after when it is at
/// least [`GAP_FACTOR`] times every other gap and at least [`MIN_GAP_NS`], and each side
/// has at least two distinct times. `times` are in order; the answer is the index of the
/// first time after the gap.
pub fn split_by_gap(times: &[i64]) -> Option<usize> {
    let mut distinct: Vec<(usize, i64)> = Vec::new();
    for (i, &t) in times.iter().enumerate() {
        if distinct.last().is_none_or(|&(_, last)| t > last) {
            distinct.push((i, t));
        }
    }
    let gaps: Vec<i64> = distinct.windows(2).map(|w| w[1].1 - w[0].1).collect();
    let (at, &widest) = gaps.iter().enumerate().max_by_key(|(_, g)| **g)?;
    let others_fit = gaps.iter().enumerate().all(|(i, &g)| i == at || g.saturating_mul(GAP_FACTOR) <= widest);
    let sides_ok = at >= 1 && gaps.len() - at >= 2;
    (widest >= MIN_GAP_NS && others_fit && sides_ok).then(|| distinct[at + 1].0)
}

/// See [`split_by_gap`].
pub const GAP_FACTOR: i64 = 3;
/// Five minutes.
pub const MIN_GAP_NS: i64 = 5 * 60 * 1_000_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60 * 1_000_000_000;

    #[test]
    fn a_wide_gap_splits_and_an_even_series_does_not() {
        assert_eq!(split_by_gap(&[0, MIN, 2 * MIN, 60 * MIN, 61 * MIN, 62 * MIN]), Some(3));
        assert_eq!(split_by_gap(&[0, MIN, 2 * MIN, 3 * MIN]), None);
        // the gap must be wide in absolute terms too
        assert_eq!(split_by_gap(&[0, 1, 2, 100, 101, 102]), None);
        // one time on a side is not a set
        assert_eq!(split_by_gap(&[0, 60 * MIN, 61 * MIN]), None);
        // equal times stay on one side
        assert_eq!(split_by_gap(&[0, 0, MIN, 60 * MIN, 60 * MIN, 61 * MIN]), Some(3));
    }
}
