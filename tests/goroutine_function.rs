//! The Function column of the goroutine groups: the innermost frame outside the runtime,
//! `sync` and `internal/…`, with the call it blocks in beside it (README, "Goroutine
//! dumps"). Expected names are read off the corpus dump's text, and the dump's form from
//! how it was captured (`?debug=2`, `?debug=1`, the profile.proto).

mod common;

use proflens::session::Session;

fn load(s: &mut Session, name: &str, bytes: Vec<u8>) -> u32 {
    s.load(name.into(), bytes, &mut |_, _| {}).unwrap()
}

fn corpus(s: &mut Session, rel: &str) -> u32 {
    load(s, rel, std::fs::read(common::corpus().join(rel)).unwrap())
}

/// (state, function, blocking call) of every group.
fn named(s: &Session, id: u32) -> Vec<(String, String, String)> {
    let g = s.goroutine_groups(id, None).unwrap();
    let get = |n: &proflens::session::Names, i| n.get(i).unwrap().to_string();
    (0..g.rows).map(|i| (get(&g.state, i), get(&g.top, i), get(&g.blocking, i))).collect()
}

#[test]
fn corpus_groups_are_named_by_the_frame_that_waits() {
    let mut s = Session::new();
    let id = corpus(&mut s, "go/goroutine_debug2.txt");
    let groups = named(&s, id);
    let find =
        |state: &str| groups.iter().find(|g| g.0 == state).unwrap_or_else(|| panic!("{state}: {groups:?}"));
    // goroutine 19: sync.runtime_Semacquire ← sync.(*WaitGroup).Wait ← main.auditWorker
    assert_eq!(find("semacquire").1, "main.auditWorker");
    assert_eq!(find("semacquire").2, "sync.(*WaitGroup).Wait");
    // the leak: main.awaitConfirmation is the innermost frame, so nothing beside it
    assert_eq!(find("chan receive").1, "main.awaitConfirmation");
    assert_eq!(find("chan receive").2, "");
    // goroutine 1: internal/poll.runtime_pollWait … internal/poll.(*FD).Accept ← net.(*netFD).accept
    assert!(
        groups
            .iter()
            .any(|g| g.0 == "IO wait" && g.1 == "net.(*netFD).accept" && g.2 == "internal/poll.(*FD).Accept"),
        "{groups:?}"
    );
    for g in &groups {
        assert!(
            !g.1.starts_with("runtime.") && !g.1.starts_with("sync.") && !g.1.starts_with("internal/"),
            "{g:?}"
        );
    }
}

/// A pool's `Get` parked in `sync.Cond.Wait`, as Go 1.19 prints it with `?debug=2`.
const COND_DUMP: &str = "goroutine 1 [running]:
main.main()
\t/app/main.go:40 +0x1d

goroutine 7 [sync.Cond.Wait, 3 minutes]:
sync.runtime_notifyListWait(0xc0000a4050, 0x0)
\truntime/sema.go:517 +0x14c
sync.(*Cond).Wait(0xc0000a4040)
\tsync/cond.go:70 +0x8c
main.(*Pool).Get(0xc0000a4000)
\t/app/pool.go:21 +0x65
main.worker(0xc0000a4000)
\t/app/main.go:12 +0x25
created by main.main
\t/app/main.go:30 +0x4e

goroutine 8 [sync.Cond.Wait, 3 minutes]:
sync.runtime_notifyListWait(0xc0000a4050, 0x1)
\truntime/sema.go:517 +0x14c
sync.(*Cond).Wait(0xc0000a4040)
\tsync/cond.go:70 +0x8c
main.(*Pool).Get(0xc0000a4000)
\t/app/pool.go:21 +0x65
main.worker(0xc0000a4000)
\t/app/main.go:12 +0x25
created by main.main
\t/app/main.go:30 +0x4e
";

#[test]
fn a_cond_wait_group_names_the_programs_get() {
    let mut s = Session::new();
    let id = load(&mut s, "cond.txt", COND_DUMP.as_bytes().to_vec());
    let groups = named(&s, id);
    assert_eq!(groups[0], ("sync.Cond.Wait".into(), "main.(*Pool).Get".into(), "sync.(*Cond).Wait".into()));
    assert_eq!(groups[1], ("running".into(), "main.main".into(), "".into()));
    // the full stack is still the group's detail
    let detail = s.goroutine_group(id, 0, None).unwrap();
    assert_eq!(detail.frames[0].function, "sync.runtime_notifyListWait");
    assert_eq!(detail.frames.len(), 4);
}

#[test]
fn a_dumps_details_give_its_form() {
    let mut s = Session::new();
    for (rel, form) in [
        ("go/goroutine_debug2.txt", "goroutine dump (debug=2)"),
        ("go/goroutine_debug1.txt", "goroutine dump (debug=1)"),
        ("go/goroutine.pb.gz", "profile.proto"),
        ("go/heap_t2.pb.gz", "profile.proto"),
    ] {
        let id = corpus(&mut s, rel);
        assert_eq!(s.summary(id).unwrap().format, form, "{rel}");
    }
}

/// Go 1.25's `wg.Go(f)`: the workers' creator is the wrapper, and goroutine 1, which called
/// it, waits in `sync.(*WaitGroup).Wait`.
const WRAPPER_DUMP: &str = "goroutine 1 [sync.WaitGroup.Wait]:
sync.runtime_SemacquireWaitGroup(0xc000012108, 0x0)
\truntime/sema.go:114 +0x2e
sync.(*WaitGroup).Wait(0xc000012100)
\tsync/waitgroup.go:206 +0x85
main.run()
\t/app/main.go:12 +0x4c
main.main()
\t/app/main.go:5 +0x17

goroutine 7 [chan receive]:
main.worker()
\t/app/main.go:20 +0x25
sync.(*WaitGroup).Go.func1()
\tsync/waitgroup.go:239 +0x46
created by sync.(*WaitGroup).Go in goroutine 1
\tsync/waitgroup.go:237 +0x73
";

#[test]
fn the_cli_names_the_starter_by_the_frame_that_waits_and_counts_in_the_singular() {
    let dir = std::env::temp_dir().join(format!("proflens-goroutine-function-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("wrapper.txt");
    std::fs::write(&file, WRAPPER_DUMP).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_proflens"))
        .arg("goroutines")
        .arg(&file)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Goroutine dump (debug=2): 2 goroutines in 2 groups\n"), "{text}");
    assert!(
        text.contains("started by goroutine 1, now sync.WaitGroup.Wait: main.run  /app/main.go:12, in sync.(*WaitGroup).Wait"),
        "{text}"
    );
    let one = dir.join("one.txt");
    std::fs::write(&one, "goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1d\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_proflens"))
        .arg("goroutines")
        .arg(&one)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Goroutine dump (debug=2): 1 goroutine in 1 group\n"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}
