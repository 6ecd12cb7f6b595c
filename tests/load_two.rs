//! Two files loaded at once (`Session::load_two`, the page's pair of a diff or a trend's
//! snapshots) are the same profiles as each loaded alone, and each file's error is its
//! own.

mod common;

use proflens::session::Session;

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(common::corpus().join(rel)).unwrap()
}

fn alone(rel: &str) -> Result<proflens::Profile, String> {
    let mut s = Session::new();
    let id = s.load(rel.into(), read(rel), &mut |_, _| {}).map_err(|e| e.0)?;
    Ok(s.get(id).unwrap().profile.clone())
}

fn both(s: &mut Session, a: &str, b: &str) -> [Result<u32, String>; 2] {
    let mut reported = 0;
    let r = s.load_two((a.into(), read(a)), (b.into(), read(b)), &mut |_, _| reported += 1);
    r.map(|r| r.map_err(|e| e.0))
}

#[test]
fn a_pair_loaded_at_once_equals_each_loaded_alone() {
    // a gzip'd heap profile, an uncompressed one, a goroutine text dump
    for (a, b) in [("go/heap_t0.pb.gz", "go/heap_t2.pb"), ("go/goroutine_debug2.txt", "go/cpu.pb.gz")] {
        let mut s = Session::new();
        let [ia, ib] = both(&mut s, a, b);
        let (ia, ib) = (ia.unwrap(), ib.unwrap());
        assert_ne!(ia, ib);
        assert_eq!(s.get(ia).unwrap().name, a);
        assert_eq!(s.get(ib).unwrap().name, b);
        assert!(s.get(ia).unwrap().profile == alone(a).unwrap(), "{a} as loaded alone");
        assert!(s.get(ib).unwrap().profile == alone(b).unwrap(), "{b} as loaded alone");
    }
}

#[test]
fn a_bad_file_fails_alone_with_the_error_it_has_when_loaded_alone() {
    let mut s = Session::new();
    let junk: Vec<u8> = vec![0x1f, 0x8b, 0x08, 0x00, 0x42, 0x42];
    let r =
        s.load_two(("junk".into(), junk.clone()), ("heap".into(), read("go/heap_t1.pb.gz")), &mut |_, _| {});
    let single = Session::new().load("junk".into(), junk, &mut |_, _| {}).unwrap_err();
    assert_eq!(r[0].as_ref().unwrap_err(), &single);
    let id = *r[1].as_ref().unwrap();
    assert!(s.get(id).unwrap().profile == alone("go/heap_t1.pb.gz").unwrap());
}

#[test]
fn a_pair_too_large_together_loads_one_after_the_other() {
    let (a, b) = ("go/heap_t0.pb.gz", "go/heap_t2.pb.gz");
    let raw = |rel: &str| std::io::Read::bytes(flate2::read::GzDecoder::new(&read(rel)[..])).count() as u64;
    let mut s = Session::new();
    // each fits, the two together do not
    s.set_max_decompressed(raw(a).max(raw(b)) + 1);
    let [ia, ib] = both(&mut s, a, b);
    assert!(s.get(ia.unwrap()).unwrap().profile == alone(a).unwrap());
    assert!(s.get(ib.unwrap()).unwrap().profile == alone(b).unwrap());
}
