//! CPU hot spots: the program's own functions that the CPU profile's samples spend the
//! most in (cum, at the first function of the program's own code above each sample's
//! leaf), and the standard-library calls they spend it in (`encoding/json.Marshal` under
//! a handler), each with the `go tool pprof -top -cum` line that prints it.

use super::profiles::{heaviest_path, own_sites, pprof_cum, sample_index, Rows};
use super::{is_own, Evidence, Finding, Kind, Severity, Snapshot};
use crate::units::scaled_label;

/// A hot spot takes at least this share of the profile's CPU, in %…
pub const MIN_SHARE: f64 = 10.0;
/// …and at least this many nanoseconds of it (50 ms: five samples at pprof's 100 Hz).
pub const MIN_CPU_NS: i64 = 50_000_000;
/// At most this many hot spots, and this many library calls for each.
pub const MAX_SPOTS: usize = 3;
pub const MAX_CALLS: usize = 2;

/// The hot spots of the last CPU profile.
pub fn findings(cpu: Option<&Snapshot>) -> Vec<Finding> {
    let Some(c) = cpu else { return Vec::new() };
    let p = c.profile;
    let Some(i) = sample_index(p, "cpu").or_else(|| p.sample_types.len().checked_sub(1)) else {
        return Vec::new();
    };
    let ty = p.str(p.sample_types[i].ty).to_string();
    let rows = Rows::of(p, i);
    let total = rows.total.max(1);
    let mut spots: Vec<(String, Vec<String>, i64)> = own_sites(p, i)
        .into_iter()
        .map(|(site, callees)| {
            let cum = rows.cum(&site);
            (site, callees, cum)
        })
        .filter(|(_, _, cum)| *cum >= MIN_CPU_NS && *cum as f64 * 100.0 / total as f64 >= MIN_SHARE)
        .collect();
    spots.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    spots.truncate(MAX_SPOTS);
    let mut out = Vec::new();
    for (site, callees, cum) in spots {
        let share = cum as f64 * 100.0 / total as f64;
        let mut evidence = vec![Evidence {
            file: c.file.to_string(),
            value: cum,
            unit: "nanoseconds".into(),
            command: pprof_cum(&ty, "ns", None, None, c.file),
            function: Some(site.clone()),
        }];
        let under = Rows::under(p, i, &site);
        let mut calls: Vec<(String, i64)> = callees
            .into_iter()
            .filter(|f| !is_own(f))
            .map(|f| {
                let v = under.cum(&f);
                (f, v)
            })
            .collect();
        calls.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        calls.retain(|(_, v)| *v > 0);
        calls.truncate(MAX_CALLS);
        let spent: Vec<String> = calls
            .iter()
            .map(|(f, v)| format!("{} in `{f}`", scaled_label(*v, "nanoseconds", "auto")))
            .collect();
        for (f, v) in &calls {
            evidence.push(Evidence {
                file: c.file.to_string(),
                value: *v,
                unit: "nanoseconds".into(),
                command: pprof_cum(&ty, "ns", Some(&site), None, c.file),
                function: Some(f.clone()),
            });
        }
        let spent = if spent.is_empty() { String::new() } else { format!(", {}", spent.join(", ")) };
        let score = share / 5.0;
        out.push(Finding {
            kind: Kind::HotSpot,
            severity: Severity::of(score),
            score,
            certainty: "likely".into(),
            title: format!(
                "`{site}` uses {} of CPU ({share:.0}% of {}){spent}.",
                scaled_label(cum, "nanoseconds", "auto"),
                c.file
            ),
            functions: vec![site.clone()],
            path: path_to(p, i, &site),
            evidence,
            links: vec![format!("flame#focus={site}"), format!("sandwich#function={site}")],
            status: None,
        });
    }
    out
}

/// The heaviest path through `site`, down to the call it spends in (the frames below are
/// the library's and the runtime's).
fn path_to(p: &crate::model::Profile, i: usize, site: &str) -> Vec<super::PathFrame> {
    let mut path = heaviest_path(p, i, site);
    if let Some(k) = path.iter().rposition(|f| f.function == site) {
        path.truncate(k + 2);
    }
    path
}
