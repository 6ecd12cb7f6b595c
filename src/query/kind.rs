//! Guesses what kind of profile this is (heap, CPU, goroutine, ...) from its sample types,
//! for labels in the UI. Go's block and mutex profiles have the same sample types; mutex
//! profiles record the stack at the unlock, so an `Unlock` frame tells them apart.

use crate::model::Profile;

pub fn kind(p: &Profile) -> &'static str {
    let types: Vec<&str> = p.sample_types.iter().map(|t| p.str(t.ty)).collect();
    let has = |t: &str| types.contains(&t);
    let default = p.str(p.default_sample_type);
    if has("inuse_space") || has("alloc_space") {
        if default == "alloc_space" {
            "allocs"
        } else {
            "heap"
        }
    } else if has("cpu") || has("wall") || has("time") {
        "cpu"
    } else if has("goroutine") || has("goroutineleak") {
        "goroutine"
    } else if has("threadcreate") {
        "threadcreate"
    } else if has("contentions") || has("delay") {
        let unlock = p.functions.iter().any(|f| p.str(f.name).ends_with("Unlock"));
        if unlock {
            "mutex"
        } else {
            "block"
        }
    } else {
        "unknown"
    }
}
