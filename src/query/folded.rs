//! Folded stacks: one line per distinct frame path, `root;...;leaf<TAB>v0 v1 ...`, with a
//! value per sample type. Inlined frames are expanded caller first; identical paths are
//! merged; all-zero lines are dropped; lines are sorted bytewise (as the oracle's files).

use super::calltree::CallTree;
use super::top::StackView;
use crate::model::Profile;

/// Folded stacks as (path, values) pairs in sorted order.
pub fn folded(p: &Profile, view: &StackView) -> Vec<(String, Vec<i64>)> {
    let tree = CallTree::build(p, view);
    let values = tree.self_values(p, view);
    let mut out = Vec::new();
    let mut keys = Vec::new();
    for n in 0..tree.len() {
        if values.iter().all(|column| column[n] == 0) {
            continue;
        }
        keys.clear();
        let mut at = n as u32;
        while at != u32::MAX {
            keys.push(tree.key[at as usize]);
            at = tree.parent[at as usize];
        }
        let mut path = String::new();
        for (i, &k) in keys.iter().rev().enumerate() {
            if i > 0 {
                path.push(';');
            }
            path.push_str(view.name(k));
        }
        out.push((path, values.iter().map(|column| column[n]).collect()));
    }
    // Samples with an empty stack fold into the empty path, as pprof's oracle does.
    let empty: Vec<i64> = p
        .samples
        .values
        .iter()
        .map(|column| {
            p.samples
                .stack
                .iter()
                .zip(column)
                .filter(|(s, _)| s.index().is_none())
                .fold(0i64, |a, (_, &v)| a.wrapping_add(v))
        })
        .collect();
    if empty.iter().any(|&v| v != 0) {
        out.push((String::new(), empty));
    }
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    out
}
