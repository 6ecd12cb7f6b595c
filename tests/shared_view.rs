//! A filtered profile's view may share its source's frame keys (`StackView::sharing_keys`,
//! used by the web session so that applying a focus does not rename every frame): the
//! top table and flame graph come out exactly as with keys of its own. So do the keys a
//! frame-rewriting filter derives from its source's (`StackView::deriving_keys`).

mod common;

use common::load;
use proflens::query::filter::{regex, Filters};
use proflens::query::flame::flame;
use proflens::query::{top, Granularity, StackView};

#[test]
fn shared_keys_give_the_same_top_and_flame() {
    let p = load("go/cpu.pb.gz");
    let index = p.default_sample_index();
    for g in [Granularity::Functions, Granularity::Lines] {
        let source = StackView::new(&p, g);
        // the source's call tree is built (and then shared), as after its first flame graph
        assert!(!flame(&p, &source, index).key.is_empty());
        // (filters, whether they leave every frame and the stack tree as they were)
        for (filters, untouched) in [
            (Filters { focus: Some(regex("focus", "runtime\\.").unwrap()), ..Default::default() }, true),
            (
                Filters {
                    ignore: Some(regex("ignore", "^runtime\\.mallocgc$").unwrap()),
                    ..Default::default()
                },
                true,
            ),
            (
                Filters { hide: Some(regex("hide", "^runtime\\.mallocgc$").unwrap()), ..Default::default() },
                false,
            ),
            (
                Filters { show_from: Some(regex("show_from", "^runtime\\.").unwrap()), ..Default::default() },
                false,
            ),
        ] {
            let d = filters.apply(&p).into_owned();
            let same = d.locations == p.locations
                && d.lines == p.lines
                && d.strings == p.strings
                && d.stacks == p.stacks;
            assert_eq!(same, untouched, "{filters:?}");
            // what the session relies on to share views without comparing the tables
            assert_eq!(filters.only_drops_samples(), untouched, "{filters:?}");
            if !same {
                continue; // the session builds such a profile's view from scratch
            }
            assert!(d.samples.len() < p.samples.len(), "the filter dropped samples");
            let own = StackView::new(&d, g);
            let shared = StackView::sharing_keys(&d, &source, d.stacks == p.stacks);
            let rows = |v: &StackView| {
                top(&d, v, index)
                    .rows
                    .iter()
                    .map(|r| (v.name(r.key).to_string(), r.flat, r.cum))
                    .collect::<Vec<_>>()
            };
            assert_eq!(rows(&shared), rows(&own));
            let boxes = |v: &StackView| {
                let f = flame(&d, v, index);
                f.key.iter().map(|&k| v.name(k).to_string()).zip(f.value.iter().copied()).collect::<Vec<_>>()
            };
            assert_eq!(boxes(&shared), boxes(&own));
        }
    }
}

/// A profile whose frames a filter rewrote (hide, show, show_from, prune_from) takes its
/// frame keys from its source's view (`StackView::deriving_keys`): its top table and flame
/// graph come out exactly as with keys named afresh, on a profile with inlined frames and
/// at every granularity.
#[test]
fn derived_keys_give_the_same_top_and_flame() {
    use proflens::query::granularity::FrameKeys;
    for file in ["go/cpu.pb.gz", "go/heap_t0.pb.gz"] {
        let p = load(file);
        let index = p.default_sample_index();
        for g in [Granularity::Functions, Granularity::FileFunctions, Granularity::Files, Granularity::Lines]
        {
            let source = StackView::new(&p, g);
            let re = |flag: &str, r: &str| Some(regex(flag, r).unwrap());
            for filters in [
                Filters { hide: re("hide", "^runtime\\.mallocgc$"), ..Default::default() },
                Filters { hide: re("hide", "^runtime\\."), ..Default::default() },
                Filters { show: re("show", "^main\\.|^runtime\\.m"), ..Default::default() },
                Filters { show_from: re("show_from", "^runtime\\.m"), ..Default::default() },
                Filters { prune_from: re("prune_from", "^runtime\\.m"), ..Default::default() },
            ] {
                let d = filters.apply(&p).into_owned();
                let own = StackView::new(&d, g);
                let derived = StackView::deriving_keys(&d, &p, &source);
                // the fast path itself, not its fallback, is what is compared here
                let prune = proflens::query::prune::Prune::new(&d);
                assert!(
                    FrameKeys::derive(&d, &prune.lines_skip, &p, &source.keys, &source.prune.lines_skip)
                        .is_some(),
                    "{file} {g:?} {filters:?}: keys derived"
                );
                let rows = |v: &StackView| {
                    let mut r: Vec<_> = top(&d, v, index)
                        .rows
                        .iter()
                        .map(|r| (v.name(r.key).to_string(), r.flat, r.cum, format!("{:?}", r.inline)))
                        .collect();
                    r.sort();
                    r
                };
                assert_eq!(rows(&derived), rows(&own), "{file} {g:?} {filters:?}");
                let boxes = |v: &StackView| {
                    let f = flame(&d, v, index);
                    f.key
                        .iter()
                        .map(|&k| v.name(k).to_string())
                        .zip(f.value.iter().copied())
                        .collect::<Vec<_>>()
                };
                assert_eq!(boxes(&derived), boxes(&own), "{file} {g:?} {filters:?}");
            }
        }
    }
}
