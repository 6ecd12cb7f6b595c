//! pprof's `FilterSamplesByName`: `-focus`, `-ignore`, `-hide` and `-show` in one pass.
//!
//! A location matches a regex when one of its lines' function name or file name does, or
//! its mapping's file does. Focus and ignore are decided on the locations as they were;
//! a sample is kept when some location on its stack is focused (every location is, with
//! no `-focus`) and none is ignored. `-hide` removes the matching lines of a location,
//! `-show` keeps only the matching ones; a location left with no line leaves the stack,
//! and a sample left with no location is dropped.

use super::matcher::Matcher;
use super::rebuild::{Rebuild, DROPPED};
use crate::model::{Line, Profile, StackId};
use regex_lite::Regex;

pub struct NameFilters<'r> {
    pub focus: Option<&'r Regex>,
    pub ignore: Option<&'r Regex>,
    pub hide: Option<&'r Regex>,
    pub show: Option<&'r Regex>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mark {
    None,
    Focus,
    Ignore,
}

pub fn apply(p: &Profile, f: &NameFilters) -> Profile {
    let matcher = |re: Option<&Regex>| re.map(|re| Matcher::new(p, re));
    let (focus, ignore, hide, show) = (matcher(f.focus), matcher(f.ignore), matcher(f.hide), matcher(f.show));
    let mut r = Rebuild::new(p);
    let mut marks = vec![Mark::None; p.locations.len()];
    let mut hidden = vec![false; p.locations.len()];
    for (l, loc) in p.locations.iter().enumerate() {
        if ignore.as_ref().is_some_and(|m| m.location(p, loc)) {
            marks[l] = Mark::Ignore;
        } else if focus.as_ref().is_none_or(|m| m.location(p, loc)) {
            marks[l] = Mark::Focus;
        }
        if let Some(m) = hide.as_ref().filter(|m| m.location(p, loc)) {
            let kept = if m.mapping(loc) {
                Vec::new()
            } else {
                r.lines(l).iter().filter(|ln| !m.line(ln)).copied().collect()
            };
            hidden[l] = kept.is_empty();
            r.set_lines(l, kept);
        }
        if let Some(m) = &show {
            if !m.mapping(loc) {
                // A line without a function is kept, as pprof keeps it.
                let keep = |ln: &&Line| p.functions.get(ln.function as usize).is_none() || m.line(ln);
                let kept: Vec<Line> = r.lines(l).iter().filter(keep).copied().collect();
                hidden[l] = kept.is_empty();
                r.set_lines(l, kept);
            }
        }
    }
    let any_hidden = hidden.contains(&true);
    let t = &p.stacks;
    if f.hide.is_none() && f.show.is_none() {
        return drop_samples(r, p, &marks);
    }
    let mut node_map = vec![StackId::EMPTY; t.len()];
    // Per node: (some focused location on the path, some ignored one).
    let mut state = vec![(false, false); t.len()];
    for n in 0..t.len() {
        let (parent_new, (focused, ignored)) = match t.parent[n] {
            u32::MAX => (StackId::EMPTY, (false, false)),
            q => (node_map[q as usize], state[q as usize]),
        };
        let loc = t.location[n];
        let mark = marks[loc as usize];
        state[n] = (focused || mark == Mark::Focus, ignored || mark == Mark::Ignore);
        node_map[n] = if hidden[loc as usize] { parent_new } else { r.child(parent_new, loc) };
    }
    for (n, &(focused, ignored)) in state.iter().enumerate() {
        let emptied = any_hidden && node_map[n] == StackId::EMPTY;
        if !focused || ignored || emptied {
            node_map[n] = DROPPED;
        }
    }
    // A sample with no location is neither focused nor kept.
    r.finish(&node_map, DROPPED, |_| true)
}

/// Focus and ignore alone only drop samples: the source's stack tree is kept as it is
/// (no node is renamed or cut), which spares rebuilding it and lets the derived profile
/// share the source's stack views.
fn drop_samples(r: Rebuild, p: &Profile, marks: &[Mark]) -> Profile {
    let t = &p.stacks;
    // per node: (a focused frame on the path, an ignored frame on the path)
    let mut state = vec![(false, false); t.len()];
    for n in 0..t.len() {
        let (focused, ignored) = match t.parent[n] {
            u32::MAX => (false, false),
            q => state[q as usize],
        };
        let mark = marks[t.location[n] as usize];
        state[n] = (focused || mark == Mark::Focus, ignored || mark == Mark::Ignore);
    }
    let stacks = &p.samples.stack;
    r.finish_same_stacks(|i| stacks[i].index().is_some_and(|n| matches!(state[n], (true, false))))
}
