//! A filtered profile's view may share its source's frame keys (`StackView::sharing_keys`,
//! used by the web session so that applying a focus does not rename every frame): the
//! top table and flame graph come out exactly as with keys of its own.

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
