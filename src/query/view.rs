//! A profile's stack tree seen at one granularity: frame keys, children lists, and pprof's
//! `drop_frames` cut. Built once per (profile, granularity) and shared by every query.

use super::calltree::CallTree;
use super::granularity::{FrameKeys, Granularity};
use super::prune::Prune;
use super::walk::Children;
use crate::model::Profile;
use std::cell::OnceCell;

/// The stack tree at one granularity. It includes pprof's `drop_frames` cut ([`Prune`]),
/// since pprof always applies it.
pub struct StackView {
    pub granularity: Granularity,
    pub keys: FrameKeys,
    pub children: Children,
    pub prune: Prune,
    /// Built on first use: every flame graph of this view shares it.
    call_tree: OnceCell<CallTree>,
}

impl StackView {
    pub fn new(p: &Profile, granularity: Granularity) -> StackView {
        let prune = Prune::new(p);
        StackView {
            granularity,
            keys: FrameKeys::build(p, granularity, &prune.lines_skip),
            children: Children::build(&p.stacks),
            prune,
            call_tree: OnceCell::new(),
        }
    }

    /// The call tree of `p` at this view's granularity (`p` must be the profile the view
    /// was made from).
    pub fn call_tree(&self, p: &Profile) -> &CallTree {
        self.call_tree.get_or_init(|| CallTree::build(p, self))
    }

    /// The call tree, if `call_tree` has built it.
    pub fn built_call_tree(&self) -> Option<&CallTree> {
        self.call_tree.get()
    }

    pub fn name(&self, key: u32) -> &str {
        &self.keys.names[key as usize]
    }
}
