//! Grouping a dump's goroutines. Two goroutines are in one group when they have the same
//! state (the wait reason as printed) and the same frames (function, file and line), as
//! debug=1 groups them. Wait minutes, flags, bubbles and labels belong to each goroutine
//! and are summarized per group; argument values never split a group, because frames are
//! interned without them.

use super::wrapper::link_wrapper_creators;
use crate::model::goroutines::{CreatedBy, Dump, Flags, FrameRef, StackRef};
use crate::model::StrId;
use rustc_hash::FxHashMap;

/// A group of goroutines with one state and one stack.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub state: StrId,
    pub stack: StackRef,
    /// The number of goroutines.
    pub count: u64,
    /// The rows of [`Dump::goroutines`] in the group, in dump order.
    pub members: Vec<u32>,
    /// Wait times of the goroutines that print one.
    pub wait: Option<WaitStats>,
    /// Goroutines without a wait time (blocked under a minute, or not blocked).
    pub without_wait: u64,
    /// Goroutines the runtime flagged `(leaked)` or listed in a goroutineleak profile.
    pub leaked: u64,
    /// Goroutines locked to their thread.
    pub locked: u64,
    /// The most common creator, if any goroutine has one.
    pub created_by: Option<CreatedBy>,
    /// Every creator frame with how many goroutines it started, most first.
    pub creators: Vec<(FrameRef, u64)>,
    /// When the creator is a wrapper such as `sync.(*WaitGroup).Go` (see `wrapper`): the
    /// goroutine that called it, and its group, when it is in the dump.
    pub started_by: Option<StartedBy>,
    /// Label values seen, with how many goroutines carry each, by key then most common.
    pub labels: Vec<LabelCount>,
}

impl Group {
    /// The group's frames, innermost first.
    pub fn frames<'d>(&self, dump: &'d Dump) -> &'d [FrameRef] {
        dump.stacks.get(self.stack)
    }

    /// The goroutine ids of the group (debug=2 only), in dump order.
    pub fn ids<'d>(&'d self, dump: &'d Dump) -> impl Iterator<Item = u64> + 'd {
        self.members.iter().filter_map(|&m| dump.goroutines[m as usize].id)
    }
}

/// Minutes waited: the smallest, the median (the lower middle value) and the largest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaitStats {
    pub min: u32,
    pub median: u32,
    pub max: u32,
    /// How many goroutines these are taken over.
    pub count: u64,
}

/// The goroutine behind a wrapper creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StartedBy {
    pub goroutine: u64,
    /// Index into the groups.
    pub group: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelCount {
    pub key: StrId,
    pub value: StrId,
    pub count: u64,
}

/// The groups of a dump, most goroutines first (then by state text, then dump order).
pub fn group(dump: &Dump) -> Vec<Group> {
    let mut index: FxHashMap<(StrId, StackRef), usize> = FxHashMap::default();
    let mut groups: Vec<Group> = Vec::new();
    for (row, g) in dump.goroutines.iter().enumerate() {
        let i = *index.entry((g.state, g.stack)).or_insert_with(|| {
            groups.push(empty(g.state, g.stack));
            groups.len() - 1
        });
        groups[i].members.push(row as u32);
        groups[i].count += g.count;
    }
    for g in &mut groups {
        summarize(dump, g);
    }
    groups.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| dump.str(a.state).cmp(dump.str(b.state)))
            .then(a.members[0].cmp(&b.members[0]))
    });
    link_wrapper_creators(dump, &mut groups);
    groups
}

fn empty(state: StrId, stack: StackRef) -> Group {
    Group {
        state,
        stack,
        count: 0,
        members: Vec::new(),
        wait: None,
        without_wait: 0,
        leaked: 0,
        locked: 0,
        created_by: None,
        creators: Vec::new(),
        started_by: None,
        labels: Vec::new(),
    }
}

/// Fills in a group's per-goroutine summaries from its members.
fn summarize(dump: &Dump, group: &mut Group) {
    let mut minutes: Vec<(u32, u64)> = Vec::new();
    let mut creators: FxHashMap<FrameRef, (u64, usize)> = FxHashMap::default();
    let mut labels: FxHashMap<(StrId, StrId), u64> = FxHashMap::default();
    let mut first_creator: FxHashMap<FrameRef, CreatedBy> = FxHashMap::default();
    for &m in &group.members {
        let g = &dump.goroutines[m as usize];
        match g.wait_minutes {
            Some(w) => minutes.push((w, g.count)),
            None => group.without_wait += g.count,
        }
        if dump.is_leaked(g) {
            group.leaked += g.count;
        }
        if g.flags.has(Flags::LOCKED) {
            group.locked += g.count;
        }
        if let Some(c) = g.created_by {
            let order = creators.len();
            creators.entry(c.frame).or_insert((0, order)).0 += g.count;
            first_creator.entry(c.frame).or_insert(c);
        }
        for l in dump.label_sets.get(g.labels) {
            *labels.entry((l.key, l.str)).or_default() += g.count;
        }
    }
    group.wait = wait_stats(&mut minutes);
    let mut creators: Vec<(FrameRef, (u64, usize))> = creators.into_iter().collect();
    creators.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.1 .1.cmp(&b.1 .1)));
    group.created_by = creators.first().map(|(f, _)| first_creator[f]);
    group.creators = creators.into_iter().map(|(f, (n, _))| (f, n)).collect();
    let mut labels: Vec<LabelCount> =
        labels.into_iter().map(|((key, value), count)| LabelCount { key, value, count }).collect();
    labels.sort_by(|a, b| {
        dump.str(a.key)
            .cmp(dump.str(b.key))
            .then(b.count.cmp(&a.count))
            .then(dump.str(a.value).cmp(dump.str(b.value)))
    });
    group.labels = labels;
}

/// Min, lower median and max of weighted values.
fn wait_stats(values: &mut [(u32, u64)]) -> Option<WaitStats> {
    values.sort_unstable();
    let count: u64 = values.iter().map(|v| v.1).sum();
    if count == 0 {
        return None;
    }
    let middle = (count - 1) / 2;
    let mut seen = 0;
    let median = values
        .iter()
        .find(|(_, n)| {
            seen += n;
            seen > middle
        })
        .map_or(0, |v| v.0);
    Some(WaitStats { min: values[0].0, median, max: values[values.len() - 1].0, count })
}

#[cfg(test)]
mod tests {
    use super::wait_stats;

    #[test]
    fn weighted_lower_median() {
        let s = wait_stats(&mut [(5, 1), (1, 2), (9, 1)]).unwrap();
        assert_eq!((s.min, s.median, s.max, s.count), (1, 1, 9, 4));
        let s = wait_stats(&mut [(3, 1), (1, 1), (2, 1)]).unwrap();
        assert_eq!(s.median, 2);
        assert_eq!(wait_stats(&mut []), None);
        assert_eq!(wait_stats(&mut [(4, 0)]), None);
    }
}
