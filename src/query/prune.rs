//! pprof's `RemoveUninteresting`: a profile's `drop_frames` / `keep_frames` regexes cut
//! stacks below "uninteresting" frames (allocator or runtime internals, say). pprof edits
//! the profile in place; here the same cut is a derived view:
//!
//! * a location whose lines match `drop_frames` (and not `keep_frames`) loses its lines
//!   from the innermost up to the matching one (`lines_skip`), everywhere;
//! * in each stack, below the first non-matching ("user") frame from the root, the first
//!   matching location ends the stack: a fully matching location is removed with all it
//!   calls, a partly matching one becomes the leaf (`leaf_of`).
//!
//! Worked example with `drop_frames = "runtime\.mallocgc"`: the stack
//! `main.main → main.alloc → runtime.mallocgc → runtime.nextFreeFast` becomes
//! `main.main → main.alloc`, and its value is `main.alloc`'s flat.

use crate::model::{Profile, StackId};
use regex_lite::Regex;

/// The cut for one profile. Empty (no-op) when the profile has no `drop_frames`.
#[derive(Debug, Clone, Default)]
pub struct Prune {
    /// Per location: how many innermost lines to ignore. Empty when nothing is cut.
    pub lines_skip: Vec<u32>,
    /// Per stack node: the node that stands for it after the cut. Empty when nothing is
    /// cut. (pprof never cuts above the first user frame, so no stack becomes empty.)
    pub leaf_of: Vec<u32>,
}

impl Prune {
    /// Builds the cut. A `drop_frames` pprof cannot compile makes pprof fail; here it is
    /// ignored, since refusing to show the profile would help nobody.
    pub fn new(p: &Profile) -> Prune {
        let Some((drop, keep)) = regexes(p) else {
            return Prune::default();
        };
        let matches = |f: u32| {
            let Some(func) = p.functions.get(f as usize) else {
                return false;
            };
            let name = p.str(func.name);
            let name = name.strip_prefix('.').unwrap_or(name);
            !name.is_empty() && drop.is_match(name) && !keep.as_ref().is_some_and(|k| k.is_match(name))
        };
        // Per location: 0 = untouched, 1 = cut beneath (lines trimmed), 2 = cut entirely.
        let mut cut = vec![0u8; p.locations.len()];
        let mut lines_skip = vec![0u32; p.locations.len()];
        for (l, loc) in p.locations.iter().enumerate() {
            let lines = p.location_lines(loc);
            // The outermost matching line, searching from the caller end as pprof does.
            if let Some(i) = (0..lines.len()).rev().find(|&i| matches(lines[i].function)) {
                cut[l] = if i == lines.len() - 1 { 2 } else { 1 };
                lines_skip[l] = if cut[l] == 2 { 0 } else { i as u32 + 1 };
            }
        }
        if cut.iter().all(|&c| c == 0) {
            return Prune::default();
        }
        let t = &p.stacks;
        let mut leaf_of = vec![0u32; t.len()];
        // Whether a user (uncut) location is on the path to each node, and whether the
        // path was already cut above.
        let mut user = vec![false; t.len()];
        let mut done = vec![false; t.len()];
        for n in 0..t.len() {
            let parent = t.parent[n];
            let kind = cut[t.location[n] as usize];
            let (parent_user, parent_done) = if parent == u32::MAX {
                (false, false)
            } else {
                (user[parent as usize], done[parent as usize])
            };
            if parent_done {
                leaf_of[n] = leaf_of[parent as usize];
                done[n] = true;
            } else if !parent_user || kind == 0 {
                leaf_of[n] = n as u32;
                user[n] = parent_user || kind == 0;
            } else if kind == 2 {
                leaf_of[n] = parent;
                done[n] = true;
            } else {
                leaf_of[n] = n as u32;
                done[n] = true;
            }
        }
        Prune { lines_skip, leaf_of }
    }

    pub fn is_noop(&self) -> bool {
        self.leaf_of.is_empty()
    }

    /// The stack node a sample's stack stands for after the cut (`None`: empty stack).
    #[inline]
    pub fn leaf(&self, stack: StackId) -> Option<usize> {
        let i = stack.index()?;
        Some(if self.leaf_of.is_empty() { i } else { self.leaf_of[i] as usize })
    }
}

fn regexes(p: &Profile) -> Option<(Regex, Option<Regex>)> {
    let drop = p.str(p.drop_frames);
    if drop.is_empty() {
        return None;
    }
    let drop = Regex::new(&format!("^({drop})$")).ok()?;
    let keep = match p.str(p.keep_frames) {
        "" => None,
        k => Regex::new(&format!("^({k})$")).ok(),
    };
    Some((drop, keep))
}
