//! Creators that are wrappers. Since Go 1.25, `wg.Go(f)` starts `f` in a goroutine whose
//! creator is `sync.(*WaitGroup).Go in goroutine N`, and errgroup and similar pools do the
//! same: the creator line then names the wrapper, not the code that asked for the
//! goroutine. Goroutine N, when it is still in the dump, shows who that was, so each
//! group records it as `started_by`.

use super::group::{Group, StartedBy};
use crate::model::goroutines::Dump;
use rustc_hash::FxHashMap;

/// True for a function that starts goroutines for its caller: a method named `Go` or
/// `TryGo` (`sync.(*WaitGroup).Go`, `golang.org/x/sync/errgroup.(*Group).Go`).
pub fn is_wrapper(function: &str) -> bool {
    function.ends_with(").Go") || function.ends_with(").TryGo")
}

/// Sets `started_by` on groups whose most common creator is a wrapper: the creator
/// goroutine most of the group's goroutines name, when that goroutine is in the dump.
pub(super) fn link_wrapper_creators(dump: &Dump, groups: &mut [Group]) {
    let mut wanted: Vec<(usize, u64)> = Vec::new();
    for (i, g) in groups.iter().enumerate() {
        let Some(c) = g.created_by else { continue };
        if !is_wrapper(dump.str(dump.frames.function(c.frame))) {
            continue;
        }
        if let Some(id) = most_common_creator_id(dump, g) {
            wanted.push((i, id));
        }
    }
    if wanted.is_empty() {
        return;
    }
    let mut group_of: FxHashMap<u64, usize> = wanted.iter().map(|&(_, id)| (id, usize::MAX)).collect();
    for (gi, g) in groups.iter().enumerate() {
        for &m in &g.members {
            if let Some(slot) = dump.goroutines[m as usize].id.and_then(|id| group_of.get_mut(&id)) {
                *slot = gi;
            }
        }
    }
    for (i, id) in wanted {
        let group = group_of[&id];
        if group != usize::MAX {
            groups[i].started_by = Some(StartedBy { goroutine: id, group });
        }
    }
}

fn most_common_creator_id(dump: &Dump, g: &Group) -> Option<u64> {
    let mut counts: FxHashMap<u64, u64> = FxHashMap::default();
    for &m in &g.members {
        let row = &dump.goroutines[m as usize];
        if let Some(id) = row.created_by.and_then(|c| c.goroutine) {
            *counts.entry(id).or_default() += row.count;
        }
    }
    counts.into_iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0))).map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrappers() {
        assert!(super::is_wrapper("sync.(*WaitGroup).Go"));
        assert!(super::is_wrapper("golang.org/x/sync/errgroup.(*Group).TryGo"));
        assert!(!super::is_wrapper("main.Go"));
        assert!(!super::is_wrapper("main.handleOrder"));
    }
}
