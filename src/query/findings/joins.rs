//! Joins: a goroutine finding and a heap finding that share functions of the program's
//! own code (the goroutines' creator or a frame of their stack, and a frame of the heap
//! site's path). That is the join the field reports make by hand: "the goroutines this
//! handler starts wait forever, and the memory it allocates is never freed".

use super::{is_own, Finding, Kind, Severity};

/// One join per pair of a heap finding and a goroutine finding that share own functions.
pub fn joins(found: &[Finding]) -> Vec<Finding> {
    let is_heap = |f: &&Finding| f.kind == Kind::HeapGrowth;
    let is_goroutines =
        |f: &&Finding| matches!(f.kind, Kind::GoroutineGrowth | Kind::GoroutineLeak | Kind::GoroutineWait);
    let mut out = Vec::new();
    for heap in found.iter().filter(is_heap) {
        for g in found.iter().filter(is_goroutines) {
            let shared = shared(heap, g);
            if shared.is_empty() {
                continue;
            }
            let score = heap.score.min(g.score);
            let names = shared.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            out.push(Finding {
                kind: Kind::Join,
                severity: Severity::of(score),
                score,
                certainty: "likely".into(),
                title: format!(
                    "The growing memory in `{}` and the goroutines in `{}` share {names}: one cause is likely.",
                    heap.functions[0], g.functions[0]
                ),
                functions: shared,
                path: heap.path.clone(),
                evidence: heap.evidence.iter().chain(&g.evidence).cloned().collect(),
                links: heap.links.iter().chain(&g.links).cloned().collect(),
                status: None,
            });
        }
    }
    out
}

/// The program's functions on the heap site's path that the goroutines also have: on
/// their stack, or as their creator.
fn shared(heap: &Finding, g: &Finding) -> Vec<String> {
    let theirs: Vec<&str> =
        g.path.iter().map(|p| p.function.as_str()).chain(g.functions.iter().map(String::as_str)).collect();
    let mut out: Vec<String> = Vec::new();
    for p in &heap.path {
        let f = p.function.as_str();
        if is_own(f) && theirs.contains(&f) && !out.iter().any(|o| o == f) {
            out.push(f.to_string());
        }
    }
    out
}
