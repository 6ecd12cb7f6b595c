//! The flame graph layout against the oracle's folded stacks: every box's self value is
//! the folded line of its path, for every corpus profile and sample type; boxes nest
//! inside their parents and siblings do not overlap.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::oracle::self_by_path;
use common::{corpus, corpus_profiles, load, read_text_maybe_gz};
use proflens::query::flame::flame;
use proflens::query::{Granularity, StackView};
use std::collections::BTreeMap;

#[test]
fn flame_self_values_equal_the_oracle_folded_stacks() {
    for rel in corpus_profiles() {
        let text = read_text_maybe_gz(&corpus().join("oracle").join(format!("{rel}.folded.txt"))).unwrap();
        let p = load(&rel);
        let view = StackView::new(&p, Granularity::Functions);
        for t in 0..p.sample_types.len() {
            let mut want: BTreeMap<String, i64> = BTreeMap::new();
            for line in text.lines().filter(|l| !l.starts_with('#')) {
                let (path, values) = line.rsplit_once('\t').unwrap();
                let v: i64 = values.split(' ').nth(t).unwrap().parse().unwrap();
                if v != 0 && !path.is_empty() {
                    want.insert(path.to_string(), v);
                }
            }
            let g = flame(&p, &view, t);
            let got = self_by_path(&view, &g);
            assert_eq!(got, want, "{rel} type {t}");
        }
    }
}

#[test]
fn boxes_nest_and_do_not_overlap() {
    for rel in ["go/cpu.pb.gz", "node/node_cpu.pb.gz", "external/parca/fib.pb.gz"] {
        let p = load(rel);
        let view = StackView::new(&p, Granularity::Functions);
        let g = flame(&p, &view, p.default_sample_index());
        let mut end_of_last_child: Vec<f64> = vec![0.0; g.key.len()];
        let mut roots_end = 0.0;
        for i in 0..g.key.len() {
            let (s, w) = (g.start[i], g.width[i]);
            assert!(w > 0.0, "{rel}: empty boxes are left out");
            let last = match g.parent[i] {
                -1 => &mut roots_end,
                p => {
                    let p = p as usize;
                    assert!(p < i && g.depth[i] == g.depth[p] + 1);
                    assert!(
                        s >= g.start[p] && s + w <= g.start[p] + g.width[p],
                        "{rel}: node {i} escapes its parent"
                    );
                    &mut end_of_last_child[p]
                }
            };
            if *last == 0.0 && g.parent[i] >= 0 {
                *last = g.start[g.parent[i] as usize];
            }
            assert!(s >= *last, "{rel}: node {i} overlaps its previous sibling");
            *last = s + w;
        }
        assert_eq!(roots_end, g.total);
    }
}
