//! The corpus goroutine dumps (Go 1.19, one moment of the leaking inventory server) against
//! counts made here by a deliberately simple scan of the text, independent of the reader.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::corpus;
use proflens::decode::{decode_any, Decoded};
use proflens::model::goroutines::{Dump, DumpForm};
use proflens::query::goroutines::{group, Group};
use std::collections::BTreeMap;

/// A group's identity as text: state, then `function file:line` per frame.
type Key = (String, Vec<String>);

fn read(name: &str) -> String {
    std::fs::read_to_string(corpus().join("go").join(name)).unwrap()
}

fn dump(name: &str) -> Dump {
    match decode_any(read(name).as_bytes()).unwrap() {
        Decoded::Goroutines(d) => d,
        Decoded::Profile(_) => panic!("{name} was read as a profile"),
    }
}

fn keys(d: &Dump, groups: &[Group]) -> BTreeMap<Key, u64> {
    let mut out = BTreeMap::new();
    for g in groups {
        let frames = g
            .frames(d)
            .iter()
            .map(|&f| {
                format!("{} {}:{}", d.str(d.frames.function(f)), d.str(d.frames.file(f)), d.frames.line(f))
            })
            .collect();
        *out.entry((d.str(g.state).to_string(), frames)).or_insert(0) += g.count;
    }
    out
}

/// debug=2 by hand: blocks are separated by blank lines; the state is the bracket text up
/// to its first comma; a frame is a name line (arguments cut at the last `(`) followed by
/// a tab line (cut before ` +0x`); `created by` and its line are not frames.
fn scan_debug2(text: &str) -> BTreeMap<Key, u64> {
    let mut out = BTreeMap::new();
    for block in text.split("\n\n").filter(|b| !b.trim().is_empty()) {
        let mut lines = block.lines();
        let header = lines.next().unwrap();
        let inside = &header[header.find('[').unwrap() + 1..header.rfind(']').unwrap()];
        let state = inside.split(", ").next().unwrap().to_string();
        let body: Vec<&str> = lines.collect();
        let mut frames = Vec::new();
        let mut i = 0;
        while i + 1 < body.len() {
            if body[i].starts_with("created by ") {
                break;
            }
            let name = &body[i][..body[i].rfind('(').unwrap()];
            let place = body[i + 1].trim_start_matches('\t').split(" +0x").next().unwrap();
            frames.push(format!("{name} {place}"));
            i += 2;
        }
        *out.entry((state, frames)).or_insert(0) += 1;
    }
    out
}

/// debug=1 by hand: `N @ …` starts a record; its `#\t` lines name the frames.
fn scan_debug1(text: &str) -> (u64, BTreeMap<Key, u64>) {
    let (header, records) = text.split_once('\n').unwrap();
    let total = header.strip_prefix("goroutine profile: total ").unwrap().parse().unwrap();
    let mut out = BTreeMap::new();
    for record in records.split("\n\n") {
        let mut lines = record.lines().filter(|l| !l.trim().is_empty());
        let Some(head) = lines.next() else { continue };
        let count: u64 = head.split(" @").next().unwrap().parse().unwrap();
        let frames = lines
            .map(|l| {
                let f: Vec<&str> = l.split('\t').filter(|s| !s.is_empty()).collect();
                format!("{} {}", f[2].rsplit_once("+0x").unwrap().0, f[3])
            })
            .collect();
        *out.entry((String::new(), frames)).or_insert(0) += count;
    }
    (total, out)
}

#[test]
fn debug2_groups_equal_a_scan_of_the_text() {
    let text = read("goroutine_debug2.txt");
    let d = dump("goroutine_debug2.txt");
    assert_eq!(d.form, DumpForm::Debug2);
    assert!(!d.truncated);
    let headers = text.lines().filter(|l| l.starts_with("goroutine ")).count() as u64;
    assert_eq!(d.total(), headers);
    assert_eq!(keys(&d, &group(&d)), scan_debug2(&text));
}

#[test]
fn the_leak_is_the_first_group() {
    let d = dump("goroutine_debug2.txt");
    let groups = group(&d);
    let g = &groups[0];
    assert_eq!((g.count, d.str(g.state)), (1238, "chan receive"));
    let top = g.frames(&d)[0];
    assert_eq!(d.str(d.frames.function(top)), "main.awaitConfirmation");
    let creator = g.created_by.unwrap().frame;
    assert_eq!(d.str(d.frames.function(creator)), "main.handleOrder");
    let text = read("goroutine_debug2.txt");
    let with_minutes = text.matches("[chan receive, 1 minutes]").count() as u64;
    let wait = g.wait.unwrap();
    assert_eq!((wait.count, g.without_wait), (with_minutes, 1238 - with_minutes));
    assert_eq!((wait.min, wait.median, wait.max), (1, 1, 1));
    assert_eq!(g.ids(&d).count(), 1238);
}

#[test]
fn every_wait_state_of_the_server_is_found() {
    let d = dump("goroutine_debug2.txt");
    let groups = group(&d);
    for state in ["select", "semacquire", "IO wait", "sleep", "select (no cases)", "running", "runnable"] {
        assert!(groups.iter().any(|g| d.str(g.state) == state), "no group in {state:?}");
    }
}

#[test]
fn debug1_totals_and_groups_equal_its_text() {
    let text = read("goroutine_debug1.txt");
    let d = dump("goroutine_debug1.txt");
    assert_eq!(d.form, DumpForm::Debug1);
    let (total, scanned) = scan_debug1(&text);
    assert_eq!((d.header_total, d.total()), (Some(total), total));
    assert!(!d.truncated);
    assert_eq!(keys(&d, &group(&d)), scanned);
}

/// The same moment in both forms gives the same groups, once states are set aside and
/// the frames the two printers treat differently are dropped: debug=2 hides every
/// unexported runtime frame, debug=1 only the leading ones (so it keeps `runtime.main`);
/// and the goroutine that wrote each dump was in a different place for each.
#[test]
fn debug1_and_debug2_give_the_same_groups() {
    let comparable = |name: &str| {
        let d = dump(name);
        let mut out: BTreeMap<Vec<String>, u64> = BTreeMap::new();
        for ((_, frames), n) in keys(&d, &group(&d)) {
            if frames.iter().any(|f| f.starts_with("runtime/pprof.")) {
                continue;
            }
            let frames: Vec<String> = frames.into_iter().filter(|f| !f.starts_with("runtime.")).collect();
            *out.entry(frames).or_default() += n;
        }
        out
    };
    let (one, two) = (comparable("goroutine_debug1.txt"), comparable("goroutine_debug2.txt"));
    assert_eq!(one, two);
    assert!(one.len() >= 8 && one.values().sum::<u64>() == 1249, "{one:?}");
}

#[test]
fn the_proto_form_reads_as_a_dump() {
    let data = std::fs::read(corpus().join("go/goroutine.pb.gz")).unwrap();
    let p = proflens::decode(&data).unwrap();
    let d = proflens::decode::goroutines::dump_from_profile(&p).unwrap();
    assert_eq!((d.form, d.total()), (DumpForm::Proto, 1250));
    let groups = group(&d);
    assert_eq!(groups[0].count, 1238);
    let frames = groups[0].frames(&d);
    assert!(frames.iter().any(|&f| d.str(d.frames.function(f)) == "main.awaitConfirmation"));
}

#[test]
fn a_dump_is_also_a_goroutine_profile() {
    let p = proflens::decode(read("goroutine_debug2.txt").as_bytes()).unwrap();
    assert_eq!(proflens::query::kind::kind(&p), "goroutine");
    let view = proflens::query::StackView::new(&p, proflens::query::Granularity::Functions);
    let top = proflens::query::top(&p, &view, 0);
    assert_eq!(top.total, 1250);
    assert_eq!((view.name(top.rows[0].key), top.rows[0].flat), ("main.awaitConfirmation", 1238));
    let state = p.strings.iter().position(|s| s == "state").unwrap() as u32;
    let labelled: i64 = (0..p.samples.len())
        .filter(|&i| p.label_sets.get(p.samples.labels[i]).iter().any(|l| l.key.0 == state))
        .map(|i| p.samples.values[0][i])
        .sum();
    assert_eq!(labelled, 1250);
}
