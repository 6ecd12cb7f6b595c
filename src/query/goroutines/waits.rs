//! The two goroutine views that sort goroutines into classes: the wait-time histogram
//! (how long goroutines have been blocked, in the buckets below) and the flame graph split
//! first by state (each outermost box `[state]` names one state, and its subtree shares it).

use super::normalized_state;
use crate::model::goroutines::Dump;
use crate::query::flame::FlameGraph;

/// Upper bounds (exclusive) of the wait histogram's buckets, in minutes; the first bucket
/// holds goroutines that print no wait (under a minute, or not blocked).
pub const WAIT_BUCKETS: [u32; 8] = [1, 2, 5, 10, 30, 60, 240, u32::MAX];
/// The buckets' labels.
pub const WAIT_LABELS: [&str; 8] =
    ["< 1 min", "1 min", "2–4 min", "5–9 min", "10–29 min", "30–59 min", "1–4 h", "≥ 4 h"];

/// Goroutines per wait bucket, over the goroutines whose normalized state is `state` (""
/// for all).
pub fn wait_histogram(d: &Dump, state: &str) -> [u64; WAIT_BUCKETS.len()] {
    let mut counts = [0u64; WAIT_BUCKETS.len()];
    for g in &d.goroutines {
        if !state.is_empty() && normalized_state(d.str(g.state)) != state {
            continue;
        }
        let bucket = match g.wait_minutes {
            None => 0,
            Some(m) => WAIT_BUCKETS.iter().position(|&b| m < b).unwrap_or(WAIT_BUCKETS.len() - 1),
        };
        counts[bucket] += g.count;
    }
    counts
}

/// The states of a by-state flame graph's boxes: each outermost box `[state]` names one,
/// and its subtree shares it. Returns the states and the index of each box's.
pub fn states_of<'a>(g: &FlameGraph, name: impl Fn(u32) -> &'a str) -> (Vec<String>, Vec<u16>) {
    let mut states: Vec<String> = Vec::new();
    let mut state_of: Vec<u16> = vec![0; g.key.len()];
    for i in 0..g.key.len() {
        let parent = g.parent[i];
        state_of[i] = if parent < 0 {
            let state = name(g.key[i]).trim_start_matches('[').trim_end_matches(']').to_string();
            let k = states.iter().position(|s| *s == state).unwrap_or_else(|| {
                states.push(state);
                states.len() - 1
            });
            k.min(u16::MAX as usize) as u16
        } else {
            state_of[parent as usize]
        };
    }
    (states, state_of)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_take_the_state_of_their_outermost_frame() {
        let g = FlameGraph { key: vec![0, 1, 2, 1], parent: vec![-1, 0, -1, 2], ..Default::default() };
        let names = ["[select]", "f", "[chan receive]"];
        let (states, of) = states_of(&g, |k| names[k as usize]);
        assert_eq!(states, vec!["select", "chan receive"]);
        assert_eq!(of, vec![0, 0, 1, 1]);
    }
}
