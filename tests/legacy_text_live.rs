//! The `?debug=1` texts of heap, allocs, block, mutex and threadcreate profiles, written at
//! one moment by `examples/text-profiles` (built and run once per test run), against the
//! reference, live: `go tool pprof` reading the same text with the program's binary, and
//! `go tool pprof` reading the proto form of the same moment.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::go_example::{inlined, not_inlined, GoRun};
use common::pprof::{check_raw_values, our_rows, pprof_path, pprof_raw, pprof_rows};
use proflens::model::{Format, Profile};
use proflens::query::filter::{regex, Filters};
use proflens::query::{top, Granularity, StackView};

/// The runtime's frames, which the two forms print differently (see below).
const RUNTIME: &str = r"^runtime\.";

/// The profiles whose text pprof reads (it refuses Go's threadcreate text, whose records
/// without addresses it calls malformed).
const READ_BY_PPROF: [&str; 4] = ["heap", "allocs", "block", "mutex"];

fn load(path: &std::path::Path) -> Profile {
    let data = std::fs::read(path).unwrap();
    proflens::decode(&data).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn names(p: &Profile, index: usize) -> Vec<String> {
    let view = StackView::new(p, Granularity::Functions);
    top(p, &view, index).rows.iter().map(|r| view.name(r.key).to_string()).collect()
}

/// With inlining off, each `#` line and each address of the binary name the same function,
/// so every row (name, flat, cum, for every sample type) is pprof's on the text with the
/// binary. This includes the frames pprof's legacy heap parser drops and `runtime.goexit`,
/// which the text never prints.
#[test]
fn text_tables_equal_pprof_reading_them_with_the_binary() {
    let run = not_inlined();
    let with_binary = ["-symbolize=local".to_string(), run.binary().display().to_string()];
    for name in READ_BY_PPROF {
        let p = load(&run.text(name));
        let expected_format =
            if name == "block" || name == "mutex" { Format::ContentionText } else { Format::HeapText };
        assert_eq!(p.format, expected_format, "{name}");
        let checked = check_raw_values(&p, &with_binary, &run.text(name), name);
        assert!(checked >= 2, "{name}: {checked} sample types");
        // Not a vacuous match: the program's own sites are there, named.
        let rows = names(&p, p.default_sample_index());
        let site = if name == "heap" || name == "allocs" { "main.fillCache" } else { "main.contend.func1" };
        assert!(rows.iter().any(|r| r == site), "{name}: no {site} in {rows:?}");
        assert!(rows.iter().any(|r| r == "runtime.goexit"), "{name}: {rows:?}");
    }
}

/// Sample types, period and every sample's values and `bytes` label, in file order, equal
/// `go tool pprof -raw` (pprof's own reading of the text, unsampling included). The heap
/// header's rate is 2 × 4096, so unsampling changes the numbers.
#[test]
fn samples_equal_pprofs_raw_reading() {
    let run = not_inlined();
    for name in READ_BY_PPROF {
        let p = load(&run.text(name));
        let raw = pprof_raw(&run.text(name));
        let want = RawProfile::parse(&raw);
        let pt = p.period_type.unwrap();
        assert_eq!(want.period_type, format!("{} {}", p.str(pt.ty), p.str(pt.unit)), "{name}");
        assert_eq!(want.period, p.period, "{name}");
        let types: Vec<String> =
            p.sample_types.iter().map(|t| format!("{}/{}", p.str(t.ty), p.str(t.unit))).collect();
        assert_eq!(want.types, types, "{name}");
        // pprof's fetch merges the profile (`profile.Merge`), which drops all-zero
        // samples (records of sites that were sampled and are all freed).
        let ours: Vec<(Vec<i64>, Option<i64>)> = (0..p.samples.len())
            .map(|i| {
                let values: Vec<i64> = p.samples.values.iter().map(|c| c[i]).collect();
                let bytes = p.label_sets.get(p.samples.labels[i]).iter().find(|l| p.str(l.key) == "bytes");
                (values, bytes.map(|l| l.num))
            })
            .filter(|(values, _)| values.iter().any(|&v| v != 0))
            .collect();
        assert_eq!(ours, want.samples, "{name}");
    }
}

/// What `go tool pprof -raw` prints before the locations.
struct RawProfile {
    period_type: String,
    period: i64,
    types: Vec<String>,
    /// Each sample's values and its `bytes` label.
    samples: Vec<(Vec<i64>, Option<i64>)>,
}

impl RawProfile {
    fn parse(text: &str) -> RawProfile {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .unwrap_or_else(|| panic!("no {key} in {text}"))
                .trim()
        };
        let mut lines = text.lines().skip_while(|l| *l != "Samples:").skip(1);
        let types = lines.next().unwrap().split_whitespace().map(str::to_string).collect();
        let mut samples: Vec<(Vec<i64>, Option<i64>)> = Vec::new();
        for line in lines.take_while(|l| l.starts_with(' ')) {
            let line = line.trim();
            if let Some(bytes) = line.strip_prefix("bytes:[") {
                samples.last_mut().unwrap().1 = Some(bytes.trim_end_matches(']').parse().unwrap());
            } else {
                let values = line.split(':').next().unwrap();
                samples.push((values.split_whitespace().map(|v| v.parse().unwrap()).collect(), None));
            }
        }
        RawProfile {
            period_type: field("PeriodType:").to_string(),
            period: field("Period:").parse().unwrap(),
            types,
            samples,
        }
    }
}

/// How far apart two delays of one record may be. runtime/pprof's proto writer computes a
/// mutex delay as `(cycles / GHz) × period` and pprof's text reader as `cycles × period /
/// GHz`; each rounds once and truncates, so they can differ by 1 ns per record.
fn tolerance(run_profile: &Profile, name: &str, ty: &str) -> i64 {
    if name == "mutex" && ty == "delay" {
        run_profile.samples.len() as i64
    } else {
        0
    }
}

fn assert_rows_close(got: &[(i64, i64, String)], want: &[(i64, i64, String)], tol: i64, what: &str) {
    let names = |rows: &[(i64, i64, String)]| rows.iter().map(|r| r.2.clone()).collect::<Vec<_>>();
    assert_eq!(names(got), names(want), "{what}: rows");
    for (g, w) in got.iter().zip(want) {
        assert!((g.0 - w.0).abs() <= tol && (g.1 - w.1).abs() <= tol, "{what}: {g:?} vs {w:?}");
    }
}

/// The text and the proto form of one moment: the same totals for every sample type, and
/// the same table as pprof shows for the proto form (inline marks included, since runs of
/// inlined `#` frames become one location), once `runtime.*` frames are hidden on both
/// sides. The runtime's text printer leaves out the `runtime.*` frames at the leaf end of
/// a heap record (an allocation made inside the runtime, such as `runtime.doaddtimer`
/// under `time.resetTimer`), as pprof's legacy heap parser drops them anyway, while the
/// proto keeps them; the text also has `runtime.goexit`, which the proto leaves out. Every
/// other frame, name, flat and cum must agree.
#[test]
fn text_and_proto_of_one_moment_agree() {
    let run = inlined();
    let hide_runtime = [format!("-hide={RUNTIME}")];
    let filters = Filters { hide: Some(regex("hide", RUNTIME).unwrap()), ..Filters::default() };
    for name in READ_BY_PPROF {
        let (text, proto) = (load(&run.text(name)), load(&run.proto(name)));
        let (tv, pv) =
            (StackView::new(&text, Granularity::Functions), StackView::new(&proto, Granularity::Functions));
        let shown = filters.apply(&text);
        let sv = StackView::new(&shown, Granularity::Functions);
        for (i, st) in text.sample_types.iter().enumerate() {
            let ty = text.str(st.ty);
            let what = format!("{name} {ty}");
            let j = proto.sample_index(ty).unwrap_or_else(|| panic!("{what}: not in the proto form"));
            let tol = tolerance(&text, name, ty);
            let (t_total, p_total) = (top(&text, &tv, i).total, top(&proto, &pv, j).total);
            assert!((t_total - p_total).abs() <= tol, "{what}: totals {t_total} vs {p_total}");
            assert!(t_total > 0, "{what}: empty");
            let ours = our_rows(&shown, &sv, i);
            let want = pprof_rows(&run.proto(name), ty, text.str(st.unit), &hide_runtime);
            assert_rows_close(&ours, &want, tol, &what);
        }
    }
}

/// Go's threadcreate text: pprof cannot read it; here it has the proto form's total. The
/// runtime does not print the thread-creation frames at the leaf end, so their value
/// moves to the first frame it printed; every other function's cum is the proto form's.
#[test]
fn threadcreate_text_matches_its_proto_form() {
    let run: &GoRun = inlined();
    let text = load(&run.text("threadcreate"));
    assert_eq!(text.format, Format::CountText);
    let header_total: i64 = {
        let t = std::fs::read_to_string(run.text("threadcreate")).unwrap();
        t.lines().next().unwrap().rsplit(' ').next().unwrap().parse().unwrap()
    };
    let view = StackView::new(&text, Granularity::Functions);
    let t = top(&text, &view, 0);
    assert_eq!(t.total, header_total);
    let want = pprof_rows(&run.proto("threadcreate"), "threadcreate", "count", &[]);
    let want_total: i64 = {
        let out = pprof_path(&["-unit=count".to_string()], &run.proto("threadcreate"));
        let legend = out.lines().find(|l| l.starts_with("Showing nodes")).unwrap().to_string();
        legend.rsplit("% of ").next().unwrap().trim_end_matches(" total").parse().unwrap()
    };
    assert_eq!(t.total, want_total);
    let ours = our_rows(&text, &view, 0);
    assert!(ours.iter().any(|r| r.2 == "main.lockedThreads.func1"), "{ours:?}");
    for (_, cum, name) in ours.iter().filter(|r| r.2 != "runtime.goexit") {
        let theirs = want.iter().find(|w| &w.2 == name).unwrap_or_else(|| panic!("{name} not in {want:?}"));
        assert_eq!(*cum, theirs.1, "{name}: cum");
    }
    for (_, _, name) in want.iter().filter(|w| !ours.iter().any(|r| r.2 == w.2)) {
        assert!(name.starts_with("runtime."), "{name} is missing from the text's table");
    }
}

/// The block's fields as the test reads them, independently of the decoder: `# Name = v`
/// lines after `# runtime.MemStats`; `a / b` is the struct's `NameInuse` and `NameSys`.
fn scan_memstats(text: &str) -> Vec<(String, serde_json::Value)> {
    use serde_json::Value;
    let block = text.split("# runtime.MemStats\n").nth(1).expect("a MemStats block");
    let mut out = Vec::new();
    for line in block.lines().map_while(|l| l.strip_prefix("# ")) {
        let (name, v) = line.split_once(" = ").unwrap();
        let int = |s: &str| Value::from(s.trim().parse::<u64>().unwrap());
        if let Some((inuse, sys)) = v.split_once(" / ") {
            out.push((format!("{name}Inuse"), int(inuse)));
            out.push((format!("{name}Sys"), int(sys)));
        } else if let Some(list) = v.strip_prefix('[') {
            out.push((
                name.to_string(),
                Value::Array(list.trim_end_matches(']').split(' ').map(int).collect()),
            ));
        } else if v == "true" || v == "false" {
            out.push((name.to_string(), Value::Bool(v == "true")));
        } else if let Ok(n) = v.parse::<u64>() {
            out.push((name.to_string(), Value::from(n)));
        } else {
            out.push((name.to_string(), Value::from(v.parse::<f64>().unwrap())));
        }
    }
    out
}

/// `proflens info FILE --format json` on the heap and allocs texts: every field of the
/// block, with the block's numbers.
#[test]
fn memstats_equal_the_block() {
    let run = inlined();
    for name in ["heap", "allocs"] {
        let path = run.text(name);
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_proflens"))
            .args(["info", path.to_str().unwrap(), "--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["format"], "heap text (debug=1)");
        assert_eq!(json["sample_types"][3]["type"], "inuse_space");
        let got = json["memstats"].as_object().unwrap();
        let want = scan_memstats(&std::fs::read_to_string(&path).unwrap());
        assert!(want.len() >= 30, "{name}: {} fields", want.len());
        assert_eq!(got.len(), want.len(), "{name}");
        for (field, value) in &want {
            // Integers exactly. A fraction (GCCPUFraction) goes through two decimal
            // printings and serde_json's fast float parser, which may differ in the last bit.
            match (got[field].as_f64(), value.as_f64()) {
                (Some(g), Some(w)) if !value.is_i64() && !value.is_u64() => {
                    assert!((g - w).abs() <= w.abs() * 1e-12, "{name} {field}: {g} vs {w}")
                }
                _ => assert_eq!(&got[field], value, "{name} {field}"),
            }
        }
        assert_eq!(got["PauseNs"].as_array().unwrap().len(), 256);
    }
}

/// The same text with its block edited as another Go version might print it: fields gone,
/// fields added. It reads, and so does every sample.
#[test]
fn memstats_with_other_fields_still_parse() {
    let original = std::fs::read_to_string(inlined().text("heap")).unwrap();
    let edited: String = original
        .lines()
        .filter(|l| !l.starts_with("# Lookups") && !l.starts_with("# MaxRSS") && !l.starts_with("# PauseEnd"))
        .map(|l| {
            if l.starts_with("# NumGC") {
                format!("{l}\n# HeapGoal = 4194304\n# GCPhases = [3 1 4]")
            } else {
                l.into()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let p = proflens::decode(edited.as_bytes()).unwrap();
    let m = p.memstats.as_ref().unwrap();
    let want = scan_memstats(&edited);
    let names: Vec<&str> = m.fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, want.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>());
    assert!(names.contains(&"HeapGoal") && !names.contains(&"Lookups"));
    assert_eq!(m.int("HeapGoal"), Some(4194304));
    assert_eq!(m.get("GCPhases"), Some(&proflens::model::MemStatValue::List(vec![3, 1, 4])));
    assert_eq!(p.samples, load(&inlined().text("heap")).samples);
}

/// A trend over text snapshots has the MemStats series of each (in the order given: the
/// text records no time), and none when one snapshot is a proto without the block.
#[test]
fn trend_has_memstats_series_beside_the_totals() {
    let run = inlined();
    let files = [run.text("heap"), run.text("allocs")];
    let trend = |files: &[std::path::PathBuf]| -> serde_json::Value {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_proflens"))
            .arg("trend")
            .args(files)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let json = trend(&files);
    let blocks: Vec<Vec<(String, serde_json::Value)>> =
        files.iter().map(|f| scan_memstats(&std::fs::read_to_string(f).unwrap())).collect();
    for name in ["HeapInuse", "HeapObjects", "NumGC"] {
        let want: Vec<&serde_json::Value> =
            blocks.iter().map(|b| &b.iter().find(|(n, _)| n == name).unwrap().1).collect();
        let got: Vec<&serde_json::Value> = json["memstats"][name].as_array().unwrap().iter().collect();
        assert_eq!(got, want, "{name}");
    }
    let mixed = trend(&[run.text("heap"), run.proto("heap")]);
    assert!(mixed.get("memstats").is_none(), "{mixed}");
}
