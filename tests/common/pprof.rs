//! Running the reference, Debian's `go tool pprof` (Go 1.19), live: installed by
//! `scripts/setup.sh`. Tests built on it do not rest on stored oracle files.

use super::oracle::rows_of;
use proflens::query::{top, Granularity, StackView};
use std::process::Command;

/// `-unit=<base unit>` (added per sample type) makes pprof print raw integers
/// (`128405672B`), so its rows can be compared exactly.
const FLAGS: [&str; 5] =
    ["-top", "-nodecount=1000000", "-nodefraction=0", "-edgefraction=0", "-symbolize=none"];

/// `go tool pprof -top` with the oracle's flags (no trimming, no symbolization) and `args`.
pub fn pprof_path(args: &[String], path: &std::path::Path) -> String {
    let mut all: Vec<String> = FLAGS.iter().map(|s| s.to_string()).collect();
    all.extend_from_slice(args);
    pprof_command(&all, path)
}

/// `go tool pprof ARGS PATH` in UTC, failing the test on an error.
pub fn pprof_command(args: &[String], path: &std::path::Path) -> String {
    let file = path.display();
    let dir = std::env::temp_dir().join("proflens-pprof-live");
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new("go")
        .arg("tool")
        .arg("pprof")
        .args(args)
        .arg(path)
        .env("PPROF_TMPDIR", &dir)
        .env("TZ", "UTC")
        .output()
        .expect("`go tool pprof` must be installed (scripts/setup.sh installs golang-go)");
    assert!(out.status.success(), "pprof failed on {file}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// `go tool pprof -raw` (the parsed profile: sample types, period, each sample's values
/// and labels) on the profile at `path`, unsymbolized.
pub fn pprof_raw(path: &std::path::Path) -> String {
    pprof_command(&["-raw".to_string(), "-symbolize=none".to_string()], path)
}

/// Splits a `-top` row printed with raw units into (flat, cum, name with inline mark).
pub fn parse_raw_row(line: &str) -> (i64, i64, String) {
    let num = |s: &str| -> i64 {
        let digits: String = s.chars().take_while(|c| *c == '-' || c.is_ascii_digit()).collect();
        digits.parse().unwrap_or_else(|_| panic!("bad number {s:?} in {line:?}"))
    };
    let mut it = line.split_whitespace();
    let flat = num(it.next().unwrap());
    let _flat_pct = it.next();
    let _sum_pct = it.next();
    let cum = num(it.next().unwrap());
    let _cum_pct = it.next();
    (flat, cum, it.collect::<Vec<_>>().join(" "))
}

/// Checks every sample type of `p` (stored at `path`) against pprof's raw-unit rows.
pub fn check_raw_values(
    p: &proflens::Profile,
    extra: &[String],
    path: &std::path::Path,
    what: &str,
) -> usize {
    check_raw_values_at(p, Granularity::Functions, extra, path, what)
}

/// [`check_raw_values`] at a granularity (pprof's `-lines`, `-files`, `-filefunctions`).
pub fn check_raw_values_at(
    p: &proflens::Profile,
    g: Granularity,
    extra: &[String],
    path: &std::path::Path,
    what: &str,
) -> usize {
    let view = StackView::new(p, g);
    let mut extra = extra.to_vec();
    match g {
        Granularity::Functions => {}
        Granularity::FileFunctions => extra.push("-filefunctions".into()),
        Granularity::Files => extra.push("-files".into()),
        Granularity::Lines => extra.push("-lines".into()),
    }
    for (i, st) in p.sample_types.iter().enumerate() {
        let ty = p.str(st.ty);
        let want = pprof_rows(path, ty, p.str(st.unit), &extra);
        assert_eq!(our_rows(p, &view, i), want, "{what} {ty}");
    }
    p.sample_types.len()
}

/// pprof's unit flag value for a sample type's unit: the base unit, so values print raw.
pub fn raw_unit(unit: &str) -> &str {
    match unit {
        "bytes" => "B",
        "nanoseconds" => "ns",
        other => other,
    }
}

/// pprof's `-top` rows of sample type `ty` in raw units: (flat, cum, name with inline mark).
pub fn pprof_rows(path: &std::path::Path, ty: &str, unit: &str, extra: &[String]) -> Vec<(i64, i64, String)> {
    let mut args = vec![format!("-sample_index={ty}"), format!("-unit={}", raw_unit(unit))];
    args.extend_from_slice(extra);
    let text = pprof_path(&args, path);
    rows_of(&text).iter().map(|l| parse_raw_row(l)).collect()
}

/// Our top rows of sample type `index`, in the shape of [`pprof_rows`].
pub fn our_rows(p: &proflens::Profile, view: &StackView, index: usize) -> Vec<(i64, i64, String)> {
    top(p, view, index)
        .rows
        .iter()
        .map(|r| {
            let name = format!("{} {}", view.name(r.key), r.inline.label());
            (r.flat, r.cum, name.split_whitespace().collect::<Vec<_>>().join(" "))
        })
        .collect()
}
