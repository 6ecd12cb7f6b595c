//! Trends over N ≥ 2 snapshots of one program: for every allocation site (a frame key at
//! the view's granularity, valued by its flat value), the series of values over time and
//! the measures that rank leak suspects. pprof has no such notion; the definitions are in
//! the README ("Trend and leak score") and in the doc comments of [`Measures`].

use super::values::flat_by_key_of_samples;
use super::view::StackView;
use crate::model::Profile;
use rustc_hash::FxHashMap;

/// The growth measures of one series.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Measures {
    /// Last value minus first value.
    pub delta: f64,
    /// `delta` per minute of wall time between the first and the last snapshot (`None`
    /// when they were taken at the same time).
    pub per_minute: Option<f64>,
    /// Mann-Kendall's S: over every pair of snapshots i < j, +1 when the value rose, −1 when
    /// it fell, 0 when equal.
    pub mk_s: i64,
    /// Kendall's tau-a, S / (n(n−1)/2): +1 for a series that rises at every step, −1 for
    /// one that always falls, near 0 for noise; 0 for a flat series or a single value.
    pub mk_tau: f64,
}

/// The measures of `values` taken at `times_ns` (same length, in time order).
pub fn measures(times_ns: &[i64], values: &[f64]) -> Measures {
    let n = values.len();
    if n == 0 {
        return Measures::default();
    }
    let delta = values[n - 1] - values[0];
    let span_minutes = (times_ns[n - 1] as f64 - times_ns[0] as f64) / 60e9;
    let per_minute = (span_minutes > 0.0).then(|| delta / span_minutes);
    let mut mk_s = 0i64;
    for i in 0..n {
        for j in i + 1..n {
            mk_s += match values[j].partial_cmp(&values[i]) {
                Some(std::cmp::Ordering::Greater) => 1,
                Some(std::cmp::Ordering::Less) => -1,
                _ => 0,
            };
        }
    }
    let pairs = (n * (n - 1) / 2) as f64;
    let mk_tau = if pairs > 0.0 { mk_s as f64 / pairs } else { 0.0 };
    Measures { delta, per_minute, mk_s, mk_tau }
}

/// The leak score: steady growth (tau > 0) times its size as a share of the last
/// snapshot's total, in percent. `score = max(tau, 0) × max(delta, 0) / last_total × 100`.
/// A site that rose at every step by a tenth of the final heap scores 10; one that did not
/// grow, or grew only on the way to falling back, scores near 0.
pub fn leak_score(m: &Measures, last_total: i64) -> f64 {
    if last_total == 0 {
        return 0.0;
    }
    m.mk_tau.max(0.0) * m.delta.max(0.0) / last_total.unsigned_abs() as f64 * 100.0
}

/// One site's row of a trend.
#[derive(Debug, Clone, PartialEq)]
pub struct TrendRow {
    pub name: String,
    /// The site's flat value in each snapshot, in time order (0 where it is absent).
    pub values: Vec<i64>,
    pub measures: Measures,
    pub score: f64,
    /// In the last snapshot of a heap profile: the share of what the site allocated that
    /// is still in use (inuse / alloc, of space or objects to match the sample type).
    pub retention: Option<f64>,
}

/// A trend over snapshots, rows sorted by leak score (highest first), then by delta.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    /// Indexes into the input slice, in time order.
    pub order: Vec<usize>,
    pub times_ns: Vec<i64>,
    /// pprof's total (sum of |value|) of each snapshot, in time order.
    pub totals: Vec<i64>,
    pub rows: Vec<TrendRow>,
    /// The process's own memory figures beside the sampled totals (see [`MEMSTATS`]), in
    /// time order; empty unless every snapshot carries `runtime.MemStats`.
    pub memstats: Vec<MemStatSeries>,
}

/// The `runtime.MemStats` fields a trend follows: the bytes and objects the heap really
/// holds, and the collections run, so a user can see whether the sampled heap tracks the
/// real one.
pub const MEMSTATS: [&str; 3] = ["HeapInuse", "HeapObjects", "NumGC"];

/// One `runtime.MemStats` field over the snapshots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemStatSeries {
    pub name: &'static str,
    pub values: Vec<u64>,
}

/// The [`MEMSTATS`] series of `profiles` (in time order), for the fields every one has.
fn memstat_series(profiles: &[&Profile]) -> Vec<MemStatSeries> {
    MEMSTATS
        .iter()
        .filter_map(|&name| {
            let values: Option<Vec<u64>> =
                profiles.iter().map(|p| p.memstats.as_ref().and_then(|m| m.int(name))).collect();
            Some(MemStatSeries { name, values: values? })
        })
        .collect()
}

/// Why a trend cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrendError(pub String);

impl std::fmt::Display for TrendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The trend of sample type `sample_type` (a name such as `inuse_space`) over `snapshots`,
/// each with its view (all at one granularity). Snapshots are ordered by `time_nanos`,
/// ties in the order given.
pub fn trend(snapshots: &[(&Profile, &StackView)], sample_type: &str) -> Result<Trend, TrendError> {
    if snapshots.len() < 2 {
        return Err(TrendError("a trend needs at least two profiles".into()));
    }
    let mut order: Vec<usize> = (0..snapshots.len()).collect();
    order.sort_by_key(|&i| snapshots[i].0.time_nanos);
    let n = order.len();
    let mut jobs = Vec::with_capacity(n + 2);
    for &i in &order {
        let p = snapshots[i].0;
        let index = p.sample_index(sample_type).filter(|&x| p.str(p.sample_types[x].ty) == sample_type);
        let index = index
            .ok_or_else(|| TrendError(format!("profile {} has no sample type {sample_type:?}", i + 1)))?;
        jobs.push((i, index));
    }
    let last = snapshots[order[n - 1]];
    let pair = retention_pair(last.0, sample_type);
    if let Some((inuse, alloc)) = pair {
        jobs.extend([(order[n - 1], inuse), (order[n - 1], alloc)]);
    }
    // a site's value is its flat value: no top walk (cum is not needed), and keys printed
    // alike (possible where a key's identity is more than its name) are summed. Every
    // snapshot's flat values, and the last one's two for its retention, are independent
    // passes over the samples: they are spread over the threads.
    let mut flats =
        crate::par::map(jobs, |(i, index)| flat_by_key_of_samples(snapshots[i].0, snapshots[i].1, index));
    let for_retention = flats.split_off(n);
    let retention: Option<FxHashMap<&str, f64>> = pair.map(|_| {
        let [(inuse, _), (alloc, _)] = &for_retention[..] else { unreachable!("two jobs were added") };
        ratio(inuse, alloc)
            .into_iter()
            .enumerate()
            .filter(|(_, x)| !x.is_nan())
            .map(|(k, x)| (last.1.name(k as u32), x))
            .collect()
    });
    let mut sites: FxHashMap<String, Vec<i64>> = FxHashMap::default();
    let mut totals = Vec::with_capacity(n);
    for (pos, (&i, (flat, total))) in order.iter().zip(flats).enumerate() {
        let view = snapshots[i].1;
        totals.push(total);
        for (key, &flat) in flat.iter().enumerate().filter(|(_, &f)| f != 0) {
            let value =
                &mut sites.entry(view.name(key as u32).to_string()).or_insert_with(|| vec![0; n])[pos];
            *value = value.wrapping_add(flat);
        }
    }
    let times_ns: Vec<i64> = order.iter().map(|&i| snapshots[i].0.time_nanos).collect();
    let mut rows: Vec<TrendRow> = sites
        .into_iter()
        .map(|(name, values)| {
            let as_f64: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            let m = measures(&times_ns, &as_f64);
            TrendRow {
                retention: retention.as_ref().and_then(|r| r.get(name.as_str()).copied()),
                score: leak_score(&m, totals[n - 1]),
                measures: m,
                values,
                name,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.measures.delta.total_cmp(&a.measures.delta))
            .then_with(|| a.name.cmp(&b.name))
    });
    let in_order: Vec<&Profile> = order.iter().map(|&i| snapshots[i].0).collect();
    Ok(Trend { memstats: memstat_series(&in_order), order, times_ns, totals, rows })
}

/// The (inuse, alloc) sample indexes that retention divides, for a heap profile:
/// `inuse_space`/`alloc_space`, or the `_objects` pair when `sample_type` counts objects.
pub fn retention_pair(p: &Profile, sample_type: &str) -> Option<(usize, usize)> {
    let (inuse, alloc) = if sample_type.ends_with("_objects") {
        ("inuse_objects", "alloc_objects")
    } else {
        ("inuse_space", "alloc_space")
    };
    let find = |name: &str| p.sample_types.iter().position(|t| p.str(t.ty) == name);
    Some((find(inuse)?, find(alloc)?))
}

/// inuse / alloc of two flat columns, per key (NaN where nothing was allocated).
pub fn ratio(inuse: &[i64], alloc: &[i64]) -> Vec<f64> {
    inuse.iter().zip(alloc).map(|(&i, &a)| if a > 0 { i as f64 / a as f64 } else { f64::NAN }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000_000_000;

    #[test]
    fn steady_growth_has_tau_one() {
        let m = measures(&[0, MIN, 2 * MIN, 3 * MIN], &[1.0, 2.0, 4.0, 8.0]);
        assert_eq!(m.mk_s, 6);
        assert_eq!(m.mk_tau, 1.0);
        assert_eq!(m.delta, 7.0);
        assert_eq!(m.per_minute, Some(7.0 / 3.0));
    }

    #[test]
    fn ties_count_zero_and_a_flat_series_scores_zero() {
        // pairs: (5,5)=0 (5,7)=+ (5,6)=+ (5,7)=+ (5,6)=+ (7,6)=-  -> S = 3, tau = 3/6
        let m = measures(&[0, MIN, 2 * MIN, 3 * MIN], &[5.0, 5.0, 7.0, 6.0]);
        assert_eq!(m.mk_s, 3);
        assert_eq!(m.mk_tau, 0.5);
        let flat = measures(&[0, MIN, 2 * MIN], &[4.0, 4.0, 4.0]);
        assert_eq!((flat.mk_s, flat.mk_tau, flat.delta), (0, 0.0, 0.0));
        assert_eq!(leak_score(&flat, 100), 0.0);
    }

    #[test]
    fn falling_series_and_same_times() {
        let m = measures(&[7, 7, 7], &[9.0, 3.0, 1.0]);
        assert_eq!((m.mk_s, m.mk_tau, m.delta), (-3, -1.0, -8.0));
        assert_eq!(m.per_minute, None);
        assert_eq!(leak_score(&m, 10), 0.0);
    }

    #[test]
    fn memstats_series_need_every_snapshot() {
        use crate::model::{MemStat, MemStatValue, MemStats};
        let with = |fields: &[(&str, u64)]| Profile {
            memstats: Some(MemStats {
                fields: fields
                    .iter()
                    .map(|&(n, v)| MemStat { name: n.into(), value: MemStatValue::Int(v) })
                    .collect(),
            }),
            ..Profile::default()
        };
        let a = with(&[("HeapInuse", 10), ("NumGC", 1), ("HeapObjects", 3)]);
        let b = with(&[("NumGC", 4), ("HeapInuse", 30)]);
        let got = memstat_series(&[&a, &b]);
        let want = [
            MemStatSeries { name: "HeapInuse", values: vec![10, 30] },
            MemStatSeries { name: "NumGC", values: vec![1, 4] },
        ];
        assert_eq!(got, want, "HeapObjects is missing from b");
        assert!(memstat_series(&[&a, &Profile::default()]).is_empty());
    }

    #[test]
    fn score_is_tau_times_growth_share_in_percent() {
        // 10 -> 20 -> 60 of a last total of 200: tau 1, delta 50, 25 % of the total.
        let m = measures(&[0, MIN, 2 * MIN], &[10.0, 20.0, 60.0]);
        assert_eq!(leak_score(&m, 200), 25.0);
        // Up, down, up: S = +1 +1 -1 = 1, tau 1/3; delta 40 of 200: 20 % × 1/3.
        let m = measures(&[0, MIN, 2 * MIN], &[10.0, 60.0, 50.0]);
        assert!((leak_score(&m, 200) - 20.0 / 3.0).abs() < 1e-12);
        assert_eq!(leak_score(&m, 0), 0.0);
    }
}
