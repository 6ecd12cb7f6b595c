//! Sample labels, interned as whole sets: most samples share a handful of label sets, so a
//! sample stores one `u32` instead of a list.

use super::StrId;
use rustc_hash::FxHashMap;

/// One label: a string value, or a number with an optional unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Label {
    pub key: StrId,
    /// The string value, or [`StrId::EMPTY`] for a numeric label.
    pub str: StrId,
    pub num: i64,
    pub num_unit: StrId,
}

/// A handle to a set of labels; `LabelSetId(0)` is the empty set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct LabelSetId(pub u32);

/// All distinct label sets of a profile, each a slice of `labels`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelSets {
    starts: Vec<u32>,
    labels: Vec<Label>,
}

impl Default for LabelSets {
    fn default() -> Self {
        LabelSets { starts: vec![0, 0], labels: Vec::new() }
    }
}

impl LabelSets {
    pub fn get(&self, id: LabelSetId) -> &[Label] {
        let i = id.0 as usize;
        &self.labels[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() <= 1
    }
}

/// Interns label sets while decoding. Labels keep their order in the file.
#[derive(Default)]
pub struct LabelSetBuilder {
    sets: LabelSets,
    index: FxHashMap<Box<[Label]>, LabelSetId>,
}

impl LabelSetBuilder {
    pub fn intern(&mut self, labels: &[Label]) -> LabelSetId {
        if labels.is_empty() {
            return LabelSetId(0);
        }
        if let Some(&id) = self.index.get(labels) {
            return id;
        }
        let id = LabelSetId(self.sets.len() as u32);
        self.sets.labels.extend_from_slice(labels);
        self.sets.starts.push(self.sets.labels.len() as u32);
        self.index.insert(labels.into(), id);
        id
    }

    pub fn finish(self) -> LabelSets {
        self.sets
    }
}
