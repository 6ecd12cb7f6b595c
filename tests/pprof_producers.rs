//! profile.proto from producers other than Go's runtime, recorded here by the real tools
//! (examples/other-profilers/record_pprof_npm.sh: the `pprof` npm package's heap and time
//! profiles of a Node program): every sample type, at every granularity, equals live
//! `go tool pprof`. async-profiler's `-o pprof` cannot be recorded here (neither it nor its
//! jar comes from a registry this machine reaches).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::pprof::check_raw_values_at;
use proflens::query::Granularity;
use std::path::Path;

#[test]
fn the_pprof_npm_package_s_profiles_equal_live_pprof() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/other-profilers");
    let mut checked = 0;
    for name in ["pprof-npm.heap.pb.gz", "pprof-npm.time.pb.gz"] {
        let path = dir.join(name);
        let p = proflens::decode(&std::fs::read(&path).unwrap()).unwrap();
        for g in [Granularity::Functions, Granularity::FileFunctions, Granularity::Files, Granularity::Lines]
        {
            checked += check_raw_values_at(&p, g, &[], &path, name);
        }
    }
    // heap: objects and space; time: samples and wall
    assert_eq!(checked, 16);
}
