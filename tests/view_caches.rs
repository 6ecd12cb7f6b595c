//! What a view keeps to spare later queries work must not change their results: the flame
//! graph's self values summed from the view's per-stack-node sums (`StackView::node_values`,
//! made by the top table) equal those summed from every sample, and the top table's order,
//! which compares names by their rank (`FrameKeys::name_order`), is the order by the names
//! themselves. Checked on every corpus profile, for every sample type.

mod common;

use common::{corpus_profiles, load};
use proflens::query::top::sort_rows;
use proflens::query::{top, Granularity, SortOrder, StackView, TopRow};
use std::cmp::Ordering;

#[test]
fn self_values_from_node_sums_equal_those_from_samples() {
    for rel in corpus_profiles() {
        let p = load(&rel);
        let view = StackView::new(&p, Granularity::Functions);
        let tree = view.call_tree(&p);
        for index in 0..p.sample_types.len() {
            let _ = top(&p, &view, index); // as the page asks: the table first
            let (signed, abs) = tree.self_of(&p, &view, index);
            let (mut want_signed, mut want_abs) = (vec![0i64; tree.len()], vec![0u64; tree.len()]);
            for (&s, &v) in p.samples.stack.iter().zip(&p.samples.values[index]) {
                if let Some(n) = tree.node_of(&view, s) {
                    want_signed[n] = want_signed[n].wrapping_add(v);
                    want_abs[n] = want_abs[n].wrapping_add(v.unsigned_abs());
                }
            }
            assert_eq!(signed, want_signed, "{rel} type {index}");
            assert_eq!(abs, want_abs, "{rel} type {index}");
        }
    }
}

/// pprof's row order, comparing the names themselves: by |first| descending, then name,
/// then |second| descending, where `values` gives (first, second) of a row.
fn by_names<'a>(
    view: &'a StackView,
    values: impl Fn(&TopRow) -> (i64, i64) + 'a,
) -> impl FnMut(&TopRow, &TopRow) -> Ordering + 'a {
    move |a, b| {
        let ((a1, a2), (b1, b2)) = (values(a), values(b));
        b1.unsigned_abs()
            .cmp(&a1.unsigned_abs())
            .then_with(|| view.name(a.key).cmp(view.name(b.key)))
            .then_with(|| b2.unsigned_abs().cmp(&a2.unsigned_abs()))
    }
}

#[test]
fn rows_sorted_by_rank_are_sorted_by_name() {
    for rel in corpus_profiles() {
        let p = load(&rel);
        for g in [Granularity::Functions, Granularity::Lines] {
            let view = StackView::new(&p, g);
            let t = top(&p, &view, p.default_sample_index());
            let mut want = t.rows.clone();
            want.sort_by(by_names(&view, |r| (r.flat, r.cum)));
            assert_eq!(t.rows, want, "{rel} {g:?}");
            let mut by_cum = t.rows.clone();
            sort_rows(&mut by_cum, &view, SortOrder::Cum);
            want.sort_by(by_names(&view, |r| (r.cum, r.flat)));
            assert_eq!(by_cum, want, "{rel} {g:?} by cum");
        }
    }
}
