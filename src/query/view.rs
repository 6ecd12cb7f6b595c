//! A profile's stack tree seen at one granularity: frame keys, children lists, and pprof's
//! `drop_frames` cut. Built once per (profile, granularity) and shared by every query.

use super::calltree::CallTree;
use super::granularity::{FrameKeys, Granularity};
use super::prune::Prune;
use super::values::NodeValues;
use super::walk::Children;
use crate::model::Profile;
use std::sync::{Arc, Mutex, OnceLock};

/// The stack tree at one granularity. It includes pprof's `drop_frames` cut ([`Prune`]),
/// since pprof always applies it.
pub struct StackView {
    pub granularity: Granularity,
    /// Shared with the view of a profile derived without touching locations (see
    /// [`StackView::sharing_keys`]).
    pub keys: Arc<FrameKeys>,
    /// Built on first use (a trend or a diff never walks a snapshot's own tree), and
    /// shared too when the derived profile kept the source's stack tree.
    children: Arc<OnceLock<Children>>,
    pub prune: Prune,
    /// Built on first use: every flame graph of this view shares it.
    /// Shared with a derived view that kept the stack tree (the tree is the same).
    call_tree: Arc<OnceLock<CallTree>>,
    /// The last sample type's sums over the stack tree, with its index: the top table
    /// makes them and the flame graph asked for next sums them into call nodes, instead
    /// of passing over every sample again.
    node_values: Mutex<Option<(usize, Arc<NodeValues>)>>,
}

impl StackView {
    pub fn new(p: &Profile, granularity: Granularity) -> StackView {
        let prune = Prune::new(p);
        let keys = FrameKeys::build(p, granularity, &prune.lines_skip);
        StackView::of_keys(granularity, prune, keys)
    }

    /// The view of `p` at `granularity` whose frame keys were made already, as
    /// `FrameKeys::build` makes them with no lines cut (a diff's, made beside its merged
    /// tree: see `merge::merge_two_trees`). Where `p`'s `drop_frames` does cut lines, the
    /// keys are made again.
    pub fn with_keys(p: &Profile, granularity: Granularity, keys: FrameKeys) -> StackView {
        let prune = Prune::new(p);
        if !prune.lines_skip.is_empty() {
            return StackView::new(p, granularity);
        }
        StackView::of_keys(granularity, prune, keys)
    }

    fn of_keys(granularity: Granularity, prune: Prune, keys: FrameKeys) -> StackView {
        StackView {
            granularity,
            keys: Arc::new(keys),
            children: Arc::default(),
            prune,
            call_tree: Arc::default(),
            node_values: Mutex::default(),
        }
    }

    /// The view of `p` with the frame keys of `like`, the view of a profile with the same
    /// strings, functions, locations and lines and no `drop_frames` cut (a profile a filter
    /// derived by dropping samples or stack nodes only): building keys names every frame,
    /// which is most of a view's cost, and the names would come out the same.
    /// `same_stacks`: `p` also has the stack tree of `like`'s profile, so the children
    /// lists and the call tree (which depend on the stack tree and the keys only) are
    /// shared as well.
    pub fn sharing_keys(p: &Profile, like: &StackView, same_stacks: bool) -> StackView {
        StackView {
            granularity: like.granularity,
            keys: like.keys.clone(),
            children: if same_stacks { like.children.clone() } else { Arc::default() },
            prune: Prune::new(p),
            call_tree: if same_stacks { like.call_tree.clone() } else { Arc::default() },
            node_values: Mutex::default(),
        }
    }

    /// The view of `p`, a profile a filter derived from `src` by rewriting frames (hide,
    /// show, show_from, prune_from), with frame keys taken from `src`'s view `like` where
    /// [`FrameKeys::derive`] can, else named afresh. The stack tree is `p`'s own.
    pub fn deriving_keys(p: &Profile, src: &Profile, like: &StackView) -> StackView {
        let prune = Prune::new(p);
        let keys = FrameKeys::derive(p, &prune.lines_skip, src, &like.keys, &like.prune.lines_skip)
            .unwrap_or_else(|| FrameKeys::build(p, like.granularity, &prune.lines_skip));
        StackView {
            granularity: like.granularity,
            keys: Arc::new(keys),
            children: Arc::default(),
            prune,
            call_tree: Arc::default(),
            node_values: Mutex::default(),
        }
    }

    /// `p`'s sums of sample type `sample_index` over the stack tree (`p` must be the
    /// profile the view was made from), kept until another type is asked for.
    pub fn node_values(&self, p: &Profile, sample_index: usize) -> Arc<NodeValues> {
        let mut kept = self.node_values.lock().unwrap_or_else(|e| e.into_inner());
        match &*kept {
            Some((i, v)) if *i == sample_index => Arc::clone(v),
            _ => {
                let v = Arc::new(NodeValues::compute(p, self, sample_index));
                *kept = Some((sample_index, Arc::clone(&v)));
                v
            }
        }
    }

    /// The children lists of `p`'s stack tree (`p` must be the profile the view was made
    /// from).
    pub fn children(&self, p: &Profile) -> &Children {
        self.children.get_or_init(|| Children::build(&p.stacks))
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
