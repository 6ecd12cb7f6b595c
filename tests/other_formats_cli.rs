//! Everything downstream works on other tools' formats unchanged, through the CLI: info,
//! top, folded, flame, tags, trend and export on each kept example, and diffs.

mod common;
mod other_formats;

use other_formats::example;
use std::process::Command;

fn proflens(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "proflens {args:?}: {stderr}");
    String::from_utf8(out.stdout).unwrap()
}

const EXAMPLES: [(&str, &str); 5] = [
    ("work.perf.txt", "perf script"),
    ("work.cpuprofile", "V8 .cpuprofile"),
    ("work.heapprofile", "V8 .heapprofile"),
    ("work.cpuprofile.speedscope.json", "speedscope JSON"),
    ("work.perf.cpu-clock.inferno.folded", "folded stacks"),
];

#[test]
fn every_command_reads_every_format() {
    let dir = std::env::temp_dir().join("proflens-other-cli");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, format) in EXAMPLES {
        let file = example(name);
        let file = file.to_str().unwrap();
        assert!(proflens(&["info", file]).contains(&format!("Format: {format}")), "{name}");
        let top = proflens(&["top", file]);
        assert!(top.lines().count() > 5, "{name}: {top}");
        assert!(proflens(&["folded", file]).lines().count() > 3, "{name}");
        proflens(&["tags", file]);
        let svg = dir.join(format!("{name}.svg"));
        proflens(&["flame", file, "-o", svg.to_str().unwrap()]);
        assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"), "{name}");
        let trend = proflens(&["trend", file, file]);
        assert!(trend.lines().count() > 3, "{name}: {trend}");
        let pb = dir.join(format!("{name}.pb.gz"));
        proflens(&["export", file, "--hide", "_\\[k\\]", "-o", pb.to_str().unwrap()]);
        let again = proflens(&["top", pb.to_str().unwrap()]);
        assert!(!again.contains("_[k]"), "{name}: hidden kernel frames are gone");
    }
}

#[test]
fn a_profile_diffed_against_itself_is_all_zero() {
    for (name, _) in EXAMPLES {
        let file = example(name);
        let file = file.to_str().unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&proflens(&["top", file, "--base", file, "--format", "json"])).unwrap();
        assert_eq!(json["total"].as_i64(), Some(0), "{name}");
        for r in json["rows"].as_array().expect("rows") {
            assert_eq!((r["flat"].as_i64(), r["cum"].as_i64()), (Some(0), Some(0)), "{name}: {r}");
        }
    }
}
