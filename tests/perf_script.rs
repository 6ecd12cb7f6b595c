//! `perf script` text, from a real `perf record -g` of examples/other-profilers/work.c
//! (record_perf.sh made the files). Oracle: inferno-collapse-perf's folded stacks of the
//! same text, kept beside it, and run live when it is installed; `go tool pprof` for the
//! export.

mod common;
mod other_formats;

use other_formats::{example, folded_lines, profile, read_example};
use proflens::model::Format;
use std::process::Command;

const EVENTS: [&str; 2] = ["cpu-clock", "page-faults"];

fn inferno_file(event: &str) -> Vec<String> {
    let text = String::from_utf8(read_example(&format!("work.perf.{event}.inferno.folded"))).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    lines.sort();
    lines
}

#[test]
fn folded_output_equals_inferno_collapse_perf() {
    let p = profile(&read_example("work.perf.txt"));
    assert_eq!(p.format, Format::PerfScript);
    for event in EVENTS {
        let t = p.sample_index(event).unwrap_or_else(|| panic!("no sample type {event}"));
        let want = inferno_file(event);
        assert!(want.len() >= 3, "{event}: {} lines", want.len());
        assert_eq!(folded_lines(&p, t), want, "{event}");
    }
}

/// The kept inferno output is what inferno makes of the kept text today (record_perf.sh
/// says why the header lines' spaces are squeezed).
#[test]
fn kept_inferno_output_is_current() {
    let home = std::env::var("HOME").unwrap_or_default();
    let bin = ["inferno-collapse-perf".to_string(), format!("{home}/.cargo/bin/inferno-collapse-perf")]
        .into_iter()
        .find(|b| Command::new(b).arg("--help").output().is_ok_and(|o| o.status.success()));
    let Some(bin) = bin else {
        eprintln!(
            "inferno-collapse-perf is not installed (cargo install inferno): checked the kept output only"
        );
        return;
    };
    let text = String::from_utf8(read_example("work.perf.txt")).unwrap();
    let squeezed: String = text
        .lines()
        .map(|l| match l.starts_with(char::is_whitespace) {
            true => l.to_string(),
            false => l.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" "),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = std::env::temp_dir().join("proflens-perf");
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("work.perf.squeezed.txt");
    std::fs::write(&input, squeezed + "\n").unwrap();
    for event in EVENTS {
        let out = Command::new(&bin).args(["--all", "--event-filter", event]).arg(&input).output().unwrap();
        assert!(out.status.success());
        let mut lines: Vec<String> =
            String::from_utf8(out.stdout).unwrap().lines().map(str::to_string).collect();
        lines.sort();
        assert_eq!(lines, inferno_file(event), "{event}");
    }
}

#[test]
fn samples_keep_events_threads_addresses_and_dsos() {
    let p = profile(&read_example("work.perf.txt"));
    let types: Vec<(&str, &str)> = p.sample_types.iter().map(|t| (p.str(t.ty), p.str(t.unit))).collect();
    assert!(
        types.contains(&("cpu-clock", "nanoseconds")) && types.contains(&("page-faults", "count")),
        "{types:?}"
    );
    let files: Vec<&str> = p.mappings.iter().map(|m| p.str(m.file)).collect();
    for dso in ["[kernel.kallsyms]", "[unknown]", "/tmp/proflens-demo/work"] {
        assert!(files.contains(&dso), "{dso} in {files:?}");
    }
    // Every stack line is a location with its address; `fib` keeps its raw symbol.
    assert!(p.locations.iter().filter(|l| l.address != 0).count() > 20);
    let fib = p.functions.iter().find(|f| p.str(f.name) == "fib").expect("fib");
    assert_eq!(p.str(fib.system_name), "fib");
    // The thread is labelled.
    let labels = p.label_sets.get(p.samples.labels[0]);
    let keys: Vec<&str> = labels.iter().map(|l| p.str(l.key)).collect();
    assert_eq!(keys, ["comm", "tid"]);
    assert!(p.duration_nanos > 100_000_000, "{}", p.duration_nanos);
}

#[test]
fn export_reads_in_go_tool_pprof_as_our_top_table() {
    let p = profile(&read_example("work.perf.txt"));
    other_formats::export_round_trip(&p, "work.perf");
}

#[test]
fn bad_lines_are_corrupt_and_named() {
    let good = "work 1 1.0: 10 cycles:\n\t 12b5 fib+0x25 (/tmp/work)\n\n";
    let p = profile(good.as_bytes());
    assert_eq!(p.samples.values[0], [10]);
    let err =
        proflens::decode(format!("{good}work 2 2.0: 1 cycles:\n\tnot a frame\n").as_bytes()).unwrap_err();
    assert_eq!(err.kind(), "corrupt", "{err}");
    assert!(err.to_string().contains("line 5"), "{err}");
    let err = proflens::decode(format!("{good}just words\n\t 12b5 f (/a)\n").as_bytes()).unwrap_err();
    assert!(err.to_string().contains("line 4"), "{err}");
    assert!(example("work.c").exists());
}
