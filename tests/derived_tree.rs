//! The stack trees that frame-rewriting filters derive are proper prefix trees on every
//! corpus profile: parents before children, no two children of a node with the same
//! location, and each sample on the stack it had with the filtered frames left out. A
//! missed merge (say, when finding a child is skipped where a collapsed node's children
//! join its parent's) breaks the second property.

mod common;

use common::{corpus_profiles, load};
use proflens::model::{Profile, StackId};
use proflens::query::filter::{regex, Filters};
use std::collections::HashSet;

/// Functions to filter on: a few spread over the function table, and the caller of many.
fn names(p: &Profile) -> Vec<String> {
    let n = p.functions.len();
    let mut out: Vec<String> = [0, n / 7, n / 3, n / 2, n - n.min(1)]
        .iter()
        .filter_map(|&i| p.functions.get(i))
        .map(|f| p.str(f.name).to_string())
        .collect();
    // the outermost function of the first sample: hiding it collapses roots
    if let Some(loc) = p.samples.stack.first().and_then(|&s| p.stacks.locations_leaf_first(s).last()) {
        let loc = &p.locations[loc as usize];
        if let Some(ln) = p.location_lines(loc).last() {
            if let Some(f) = p.functions.get(ln.function as usize) {
                out.push(p.str(f.name).to_string());
            }
        }
    }
    out.retain(|s| !s.is_empty());
    out.dedup();
    out
}

/// Root-first locations of a stack.
fn path(p: &Profile, s: StackId) -> Vec<u32> {
    let mut v: Vec<u32> = p.stacks.locations_leaf_first(s).collect();
    v.reverse();
    v
}

fn assert_prefix_tree(d: &Profile, what: &str) {
    let t = &d.stacks;
    let mut seen = HashSet::new();
    for n in 0..t.len() {
        let parent = t.parent[n];
        assert!(parent == u32::MAX || (parent as usize) < n, "{what}: node {n} before its parent");
        assert!(seen.insert((parent, t.location[n])), "{what}: node {n} repeats a sibling's location");
    }
}

#[test]
fn filtered_stack_trees_merge_every_repeated_child() {
    let mut checked = 0;
    for rel in corpus_profiles() {
        let p = load(&rel);
        if !p.str(p.drop_frames).is_empty() {
            continue; // the cut is made first, and changes every stack on its own
        }
        for name in names(&p) {
            let re = || Some(regex("re", &format!("^{}$", regex_lite::escape(&name))).unwrap());
            let hide = Filters { hide: re(), ..Default::default() }.apply(&p).into_owned();
            let what = format!("{rel}: hide {name}");
            assert_prefix_tree(&hide, &what);
            // hiding drops only the samples left with no location, and keeps the others' order
            let mut kept = hide.samples.stack.iter();
            for &s in &p.samples.stack {
                // a location without lines to begin with stays
                let hidden = |l: u32| {
                    hide.locations[l as usize].lines_len == 0 && p.locations[l as usize].lines_len > 0
                };
                let want: Vec<u32> = path(&p, s).into_iter().filter(|&l| !hidden(l)).collect();
                if !want.is_empty() {
                    let got = kept.next().unwrap_or_else(|| panic!("{what}: a sample is missing"));
                    assert_eq!(path(&hide, *got), want, "{what}");
                }
            }
            assert!(kept.next().is_none(), "{what}: a sample too many");

            let from = Filters { show_from: re(), ..Default::default() }.apply(&p).into_owned();
            let what = format!("{rel}: show_from {name}");
            assert_prefix_tree(&from, &what);
            // each kept stack is the end of a source stack, starting at a match
            let mut kept = from.samples.stack.iter();
            for &s in &p.samples.stack {
                let src = path(&p, s);
                let Some(&got) = kept.clone().next() else { break };
                let got = path(&from, got);
                if src.ends_with(&got) && !got.is_empty() {
                    kept.next();
                }
            }
            assert!(kept.next().is_none(), "{what}: a kept stack is not the end of its sample's");
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} cases");
}
