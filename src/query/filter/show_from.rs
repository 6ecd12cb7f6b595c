//! pprof's `ShowFrom` (`-show_from`): each stack starts at its outermost frame that
//! matches; the callers above it go, and a stack with no match is dropped. Within the
//! matching location, the lines outside the outermost matching one go too (unless the
//! location matched by its mapping's file).

use super::matcher::Matcher;
use super::rebuild::{Rebuild, DROPPED};
use crate::model::{Profile, StackId};
use regex_lite::Regex;

pub fn apply(p: &Profile, re: &Regex) -> Profile {
    let m = Matcher::new(p, re);
    let mut r = Rebuild::new(p);
    let mut matched = vec![false; p.locations.len()];
    for (l, loc) in p.locations.iter().enumerate() {
        if m.mapping(loc) {
            matched[l] = true;
            continue;
        }
        let lines = r.lines(l);
        let last = lines.iter().rposition(|ln| m.line(ln));
        if let Some(i) = last {
            matched[l] = true;
            let kept = lines[..=i].to_vec();
            r.set_lines(l, kept);
        }
    }
    let t = &p.stacks;
    let mut node_map = vec![DROPPED; t.len()];
    for n in 0..t.len() {
        let loc = t.location[n];
        let parent = match t.parent[n] {
            u32::MAX => DROPPED,
            q => node_map[q as usize],
        };
        node_map[n] = if parent != DROPPED {
            r.child(parent, loc)
        } else if matched[loc as usize] {
            r.child(StackId::EMPTY, loc)
        } else {
            DROPPED
        };
    }
    r.finish(&node_map, DROPPED, |_| true)
}
