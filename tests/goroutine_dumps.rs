//! Small hand-written dumps in the forms Go's runtime has printed from 1.17 to 1.27, each
//! checking one variant of the format, and the queries on top of them.

use proflens::decode::{decode_any, Decoded};
use proflens::model::goroutines::{Dump, DumpForm, Flags, FrameKind};
use proflens::query::goroutines::{diff, group, normalized_state, series};

fn dump(text: &str) -> Dump {
    match decode_any(text.as_bytes()).unwrap() {
        Decoded::Goroutines(d) => d,
        Decoded::Profile(_) => panic!("read as a profile"),
    }
}

/// `function file:line` of every frame of goroutine `row`.
fn frames(d: &Dump, row: usize) -> Vec<String> {
    let s = d.stacks.get(d.goroutines[row].stack);
    s.iter()
        .map(|&f| format!("{} {}:{}", d.str(d.frames.function(f)), d.str(d.frames.file(f)), d.frames.line(f)))
        .collect()
}

const GO117: &str = "goroutine 1 [running]:
main.main()
\t/tmp/x.go:10 +0x25

goroutine 6 [chan receive, 3 minutes, locked to thread]:
main.worker(0xc000012345, {0x4b7f60, 0x1})
\t/app/main.go:30 +0x1d
created by main.main
\t/app/main.go:20 +0x8b
";

#[test]
fn go117_minutes_locked_and_creator_without_goroutine() {
    let d = dump(GO117);
    assert_eq!(d.form, DumpForm::Debug2);
    let [a, b] = &d.goroutines[..] else { panic!("two goroutines") };
    assert_eq!((a.id, d.str(a.state), a.wait_minutes), (Some(1), "running", None));
    assert_eq!((b.id, d.str(b.state), b.wait_minutes), (Some(6), "chan receive", Some(3)));
    assert!(b.flags.has(Flags::LOCKED) && !a.flags.has(Flags::LOCKED));
    assert_eq!(frames(&d, 1), ["main.worker /app/main.go:30"]);
    let c = b.created_by.unwrap();
    assert_eq!(
        (d.str(d.frames.function(c.frame)), d.frames.line(c.frame), c.goroutine),
        ("main.main", 20, None)
    );
    assert!(!d.truncated);
}

#[test]
fn go121_creator_in_goroutine() {
    let d = dump("goroutine 7 [select]:\nmain.loop()\n\t/app/main.go:3 +0x1\ncreated by main.main in goroutine 1\n\t/app/main.go:9 +0x2\n");
    assert_eq!(d.goroutines[0].created_by.unwrap().goroutine, Some(1));
}

#[test]
fn generic_inlined_and_elided_frames() {
    let d = dump(
        "goroutine 9 [running]:
main.Map[...](...)
\t/app/gen.go:5
main.(*List[...]).Push(0xc000010000, 0x10)
\t/app/gen.go:6 +0x20
...5 frames elided...
main.rec(0x5)
\t/app/main.go:6 +0x20
...additional frames elided...
created by main.main
\t/app/main.go:40 +0x1
",
    );
    assert_eq!(
        frames(&d, 0),
        [
            "main.Map[...] /app/gen.go:5",
            "main.(*List[...]).Push /app/gen.go:6",
            "...5 frames elided... :0",
            "main.rec /app/main.go:6",
            "...additional frames elided... :0"
        ]
    );
    let kinds: Vec<FrameKind> =
        d.stacks.get(d.goroutines[0].stack).iter().map(|&f| d.frames.kind(f)).collect();
    use FrameKind::*;
    assert_eq!(kinds, [Inlined, Call, Elided, Call, Elided]);
}

#[test]
fn labels_flags_bubble_and_crash_header() {
    let d = dump(
        r#"goroutine 8 [running labels:{"tenant": "acme", "job": "sync \"a\""}]:
main.serve()
	/app/main.go:1 +0x1

goroutine 12 [chan receive (leaked), 5 minutes]:
main.wait()
	/app/main.go:2 +0x1

goroutine 13 gp=0xc000002380 m=0 mp=0x5a9f40 [sleep (scan) (durable), synctest bubble 3]:
time.Sleep(0x1)
	/usr/lib/go/src/runtime/time.go:300 +0xf2

goroutine 14 [chan receive (durable), synctest bubble 3, with a future part]:
main.wait()
	/app/main.go:2 +0x1
"#,
    );
    let g = &d.goroutines;
    let labels: Vec<(&str, &str)> =
        d.label_sets.get(g[0].labels).iter().map(|l| (d.str(l.key), d.str(l.str))).collect();
    assert_eq!(labels, [("tenant", "acme"), ("job", "sync \"a\"")]);
    assert_eq!(
        (d.str(g[1].state), g[1].flags.has(Flags::LEAKED), g[1].wait_minutes),
        ("chan receive", true, Some(5))
    );
    assert_eq!(d.str(g[2].state), "sleep");
    assert!(g[2].flags.has(Flags::SCAN) && g[2].flags.has(Flags::DURABLE));
    assert_eq!(g[2].bubble, Some(3));
    assert_eq!(d.str(d.extra(&g[2]).unwrap().thread), "gp=0xc000002380 m=0 mp=0x5a9f40");
    assert_eq!(d.str(g[3].state), "chan receive (durable)");
    assert!(!g[3].flags.has(Flags::DURABLE));
    let unknown: Vec<&str> = d.extra(&g[3]).unwrap().unknown.iter().map(|&s| d.str(s)).collect();
    assert_eq!(unknown, ["with a future part"]);
    assert_eq!(normalized_state(d.str(g[3].state)), "chan receive");
    let groups = group(&d);
    let leaked: u64 = groups.iter().map(|x| x.leaked).sum();
    assert_eq!(leaked, 1);
}

#[test]
fn ancestors_are_kept_apart_from_the_stack() {
    let d = dump(
        "goroutine 20 [chan receive]:
main.child()
\t/app/main.go:12 +0x30
created by main.parent in goroutine 19
\t/app/main.go:8 +0x40
[originating from goroutine 19]:
main.parent(...)
\t/app/main.go:8 +0x40
created by main.main in goroutine 1
\t/app/main.go:4 +0x20
",
    );
    assert_eq!(frames(&d, 0), ["main.child /app/main.go:12"]);
    let g = &d.goroutines[0];
    assert_eq!(g.created_by.unwrap().goroutine, Some(19));
    let a = &d.extra(g).unwrap().ancestors[0];
    assert_eq!(a.id, 19);
    assert_eq!(d.stacks.get(a.stack).len(), 1);
    assert_eq!(a.created_by.unwrap().goroutine, Some(1));
}

#[test]
fn panic_preamble_frameless_goroutine_and_trailer() {
    let d = dump(
        "panic: boom

goroutine 1 [running]:
main.main()
\t/app/main.go:5 +0x1

goroutine 5 [running]:
\tgoroutine running on other thread; stack unavailable
created by main.main in goroutine 1
\t/app/main.go:9 +0x1

exit status 2
",
    );
    assert_eq!(d.total(), 2);
    assert!(d.goroutines[1].flags.has(Flags::STACK_UNAVAILABLE));
    assert!(frames(&d, 1).is_empty());
    assert_eq!(group(&d).len(), 2);
}

#[test]
fn a_cut_dump_is_read_to_the_cut() {
    let full = "goroutine 1 [select]:\nmain.a()\n\t/app/a.go:1 +0x1\n\ngoroutine 2 [select]:\nmain.b()\n\t/app/b.go:2 +0x1\nmain.c()\n\t/app/c.go:3 +0x1\n";
    let cut = &full[..full.len() - 10];
    let d = dump(cut);
    assert!(d.truncated);
    assert_eq!(d.total(), 2);
    assert!(d.goroutines[1].flags.has(Flags::CUT) && !d.goroutines[0].flags.has(Flags::CUT));
    assert_eq!(frames(&d, 1)[0], "main.b /app/b.go:2");
    // Cut inside a header: that goroutine is dropped.
    let d = dump(&full[..full.find("goroutine 2").unwrap() + 14]);
    assert!(d.truncated);
    assert_eq!(d.total(), 1);
}

#[test]
fn debug1_labels_frameless_records_and_leak_profile() {
    let d = dump(
        "goroutineleak profile: total 6
4 @ 0x1 0x2 0x3
# labels: {\"job\":\"a\", \"tenant\":\"x\"}
#\t0x1\tmain.a+0x10\t\t/app/a.go:3
#\t0x2\tmain.b+0x20\t/app/b.go:4

2 @ 0x9
#\t0x9

",
    );
    assert_eq!((d.form, d.leak_profile, d.header_total, d.total()), (DumpForm::Debug1, true, Some(6), 6));
    assert_eq!(frames(&d, 0), ["main.a /app/a.go:3", "main.b /app/b.go:4"]);
    assert_eq!(d.label_sets.get(d.goroutines[0].labels).len(), 2);
    assert_eq!(frames(&d, 1), ["0x9 :0"]);
    assert!(!d.truncated);
    let groups = group(&d);
    assert_eq!(groups.iter().map(|g| g.leaked).sum::<u64>(), 6);

    let short = dump("goroutine profile: total 9\n3 @ 0x1\n\n1 @\n\n");
    assert!(short.truncated, "fewer goroutines than the header says");
    assert_eq!(short.total(), 4);
}

const WAITGROUP_GO: &str = "goroutine 1 [sync.WaitGroup.Wait]:
sync.(*WaitGroup).Wait(0xc0000)
\t/usr/lib/go/src/sync/waitgroup.go:118 +0x60
main.run(...)
\t/app/main.go:30
main.main()
\t/app/main.go:25 +0x40

goroutine 6 [sleep]:
time.Sleep(0x3b9aca00)
\t/usr/lib/go/src/runtime/time.go:300 +0xf2
main.work()
\t/app/main.go:12 +0x18
sync.(*WaitGroup).Go.func1()
\t/usr/lib/go/src/sync/waitgroup.go:239 +0x4a
created by sync.(*WaitGroup).Go in goroutine 1
\t/usr/lib/go/src/sync/waitgroup.go:237 +0x73
";

#[test]
fn a_wrapper_creator_links_to_the_goroutine_that_called_it() {
    let d = dump(WAITGROUP_GO);
    let groups = group(&d);
    let worker = groups.iter().find(|g| d.str(g.state) == "sleep").unwrap();
    let started = worker.started_by.unwrap();
    assert_eq!(started.goroutine, 1);
    assert_eq!(d.str(groups[started.group].state), "sync.WaitGroup.Wait");
    let waiter = groups.iter().find(|g| d.str(g.state) == "sync.WaitGroup.Wait").unwrap();
    assert_eq!(waiter.started_by, None);
}

/// `n` goroutines blocked in `main.leak` for `minutes`, and one in `main.steady`.
fn snapshot(n: usize, minutes: u32) -> String {
    let mut s = String::from("goroutine 1 [select, 9 minutes]:\nmain.steady()\n\t/app/main.go:1 +0x1\n\n");
    for i in 0..n {
        let wait = if minutes > 0 { format!(", {minutes} minutes") } else { String::new() };
        s += &format!(
            "goroutine {} [chan receive{wait}]:\nmain.leak(0x{i:x})\n\t/app/main.go:7 +0x1\n\n",
            i + 2
        );
    }
    s
}

#[test]
fn growth_with_longer_waits_is_a_likely_leak() {
    let (old, new) = (dump(&snapshot(3, 0)), dump(&snapshot(10, 4)));
    let (og, ng) = (group(&old), group(&new));
    let rows = diff((&new, &ng), (&old, &og));
    let leak = rows.iter().find(|r| r.count == 10).unwrap();
    assert_eq!((leak.base_count, leak.growth(), leak.likely_leak), (3, 7, true));
    let steady = rows.iter().find(|r| r.count == 1).unwrap();
    assert_eq!((steady.base_count, steady.likely_leak), (1, false));
    // More goroutines, but none waiting longer: not flagged.
    let same_wait = dump(&snapshot(10, 0));
    let sg = group(&same_wait);
    assert!(diff((&same_wait, &sg), (&old, &og)).iter().all(|r| !r.likely_leak));
}

#[test]
fn groups_gone_from_the_newer_dump_are_kept_with_count_zero() {
    let (old, new) = (dump(&snapshot(3, 1)), dump(&snapshot(0, 0)));
    let (og, ng) = (group(&old), group(&new));
    let rows = diff((&new, &ng), (&old, &og));
    let gone = rows.iter().find(|r| r.group.is_none()).unwrap();
    assert_eq!((gone.count, gone.base_count), (0, 3));
}

#[test]
fn series_ranks_the_steadily_growing_group_first() {
    let dumps: Vec<Dump> = [(2, 1), (5, 2), (9, 3)].iter().map(|&(n, m)| dump(&snapshot(n, m))).collect();
    let groups: Vec<_> = dumps.iter().map(group).collect();
    let pairs: Vec<_> = dumps.iter().zip(&groups).map(|(d, g)| (d, &g[..])).collect();
    let rows = series(&pairs, &[0, 60_000_000_000, 120_000_000_000]);
    assert_eq!(rows[0].aligned.counts, [2, 5, 9]);
    assert!(rows[0].likely_leak && rows[0].score > 0.0);
    assert_eq!(rows[0].measures.per_minute, Some(3.5));
    assert_eq!(rows[1].aligned.counts, [1, 1, 1]);
    assert!(!rows[1].likely_leak);
}

#[test]
fn the_profile_of_a_dump_has_state_and_wait_labels_and_inline_marks() {
    let p = dump(WAITGROUP_GO).to_profile();
    let key = |name: &str| p.strings.iter().position(|s| s == name).unwrap() as u32;
    let (state, wait) = (key("state"), key("wait_minutes"));
    let mut seen = Vec::new();
    for i in 0..p.samples.len() {
        for l in p.label_sets.get(p.samples.labels[i]) {
            if l.key.0 == state {
                seen.push(p.str(l.str).to_string());
            }
            assert_ne!(l.key.0, wait, "no goroutine here prints a wait");
        }
    }
    seen.sort();
    assert_eq!(seen, ["sleep", "sync.WaitGroup.Wait"]);
    let view = proflens::query::StackView::new(&p, proflens::query::Granularity::Functions);
    let top = proflens::query::top(&p, &view, 0);
    let run = top.rows.iter().find(|r| view.name(r.key) == "main.run").unwrap();
    assert_eq!((run.cum, run.inline.label()), (1, "(inline)"));

    let waited = dump(&snapshot(2, 4)).to_profile();
    let wait = waited.strings.iter().position(|s| s == "wait_minutes").unwrap() as u32;
    let n: i64 = (0..waited.samples.len())
        .filter(|&i| {
            waited.label_sets.get(waited.samples.labels[i]).iter().any(|l| l.key.0 == wait && l.num == 4)
        })
        .map(|i| waited.samples.values[0][i])
        .sum();
    assert_eq!(n, 2);
}
