//! Lines up the groups of several dumps of one program, by what they are rather than by
//! index: the same state and the same frames (function, file, line). When one of the
//! dumps records no states (debug=1 or proto), groups are matched on frames alone, and
//! the groups of a dump that then share a key are added up.

use super::group::Group;
use crate::model::goroutines::Dump;
use rustc_hash::FxHashMap;

/// A dump and its groups (from [`super::group`]).
pub type Grouped<'a> = (&'a Dump, &'a [Group]);

/// One group followed across the dumps.
#[derive(Debug, Clone, PartialEq)]
pub struct Aligned {
    /// Per dump: the largest of its groups with this key, if any.
    pub groups: Vec<Option<usize>>,
    /// Per dump: goroutines in the group (0 where absent).
    pub counts: Vec<u64>,
    /// Per dump: the longest wait in minutes (0 for none printed, or absent).
    pub wait_max: Vec<u32>,
    /// Per dump: goroutines the runtime flagged as leaked.
    pub leaked: Vec<u64>,
}

impl Aligned {
    /// The dump and group to show for this row: the latest dump that has it.
    pub fn representative(&self) -> (usize, usize) {
        let d = self.groups.iter().rposition(Option::is_some).expect("an aligned row has a group");
        (d, self.groups[d].expect("found above"))
    }
}

/// The groups of `dumps` lined up, in order of first appearance (latest dump first, by
/// its group order, then older dumps' remaining groups).
pub fn align(dumps: &[Grouped]) -> Vec<Aligned> {
    let with_state = dumps.iter().all(|(d, _)| d.form.has_states());
    let n = dumps.len();
    let mut rows: Vec<Aligned> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    for (d, (dump, groups)) in dumps.iter().enumerate().rev() {
        for (gi, g) in groups.iter().enumerate() {
            let r = *index.entry(key(dump, g, with_state)).or_insert_with(|| {
                rows.push(Aligned {
                    groups: vec![None; n],
                    counts: vec![0; n],
                    wait_max: vec![0; n],
                    leaked: vec![0; n],
                });
                rows.len() - 1
            });
            let row = &mut rows[r];
            row.groups[d].get_or_insert(gi);
            row.counts[d] += g.count;
            row.wait_max[d] = row.wait_max[d].max(g.wait.map_or(0, |w| w.max));
            row.leaked[d] += g.leaked;
        }
    }
    rows
}

/// The text that identifies a group across dumps.
fn key(dump: &Dump, g: &Group, with_state: bool) -> String {
    let mut k = String::new();
    if with_state {
        k.push_str(dump.str(g.state));
    }
    for &f in g.frames(dump) {
        let fr = &dump.frames;
        k.push('\n');
        k.push_str(dump.str(fr.function(f)));
        k.push('\t');
        k.push_str(dump.str(fr.file(f)));
        k.push(':');
        k.push_str(&fr.line(f).to_string());
    }
    k
}
