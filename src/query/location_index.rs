//! The merge's index of merged locations by pprof's location key (address relative to
//! its mapping, mapping, lines, folded flag).
//!
//! Keyed by the key itself, every location of every source would build its lines into a
//! boxed slice to look it up, and the first source's would stay in the map until the merge
//! is dropped: on the M diff pair, 118,000 allocations that took a third of the tree
//! merge's time to make and free. So a location is found by a 64-bit fingerprint of its
//! key, and the merged location the fingerprint leads to is compared with the key (the
//! caller's `same`), which keeps the merge exact. A key whose fingerprint an unequal key
//! took first (a hash collision: practically never, unless made on purpose) is kept under
//! its whole key, in a map of its own.

use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// pprof's location key: address relative to its mapping, the mapping, the lines
/// (function, line) and the folded flag.
pub(super) type LocationKey = (u64, u32, Box<[(u32, i64)]>, bool);

/// The fingerprint of a location key: its address relative to its mapping, the mapping,
/// the folded flag and its lines (function, line), as the merged location will have them.
pub(super) fn fingerprint(
    relative: u64,
    mapping: u32,
    folded: bool,
    lines: impl ExactSizeIterator<Item = (u32, i64)>,
) -> u64 {
    let mut h = FxHasher::default();
    (relative, mapping, folded, lines.len()).hash(&mut h);
    lines.for_each(|line| line.hash(&mut h));
    h.finish()
}

#[derive(Default)]
pub(super) struct LocationIndex {
    by_fingerprint: FxHashMap<u64, u32>,
    collided: FxHashMap<LocationKey, u32>,
}

/// Where a key that is not in the index goes when its location is made.
pub(super) enum Vacant {
    Fingerprint(u64),
    Collided(LocationKey),
}

impl LocationIndex {
    /// The merged location of a key with this fingerprint, if there is one: `same(i)`
    /// says whether merged location `i` has the key, and `key()` makes the whole key
    /// (only after a collision).
    pub fn find(
        &self,
        fingerprint: u64,
        same: impl FnOnce(u32) -> bool,
        key: impl FnOnce() -> LocationKey,
    ) -> Result<u32, Vacant> {
        match self.by_fingerprint.get(&fingerprint) {
            None => Err(Vacant::Fingerprint(fingerprint)),
            Some(&i) if same(i) => Ok(i),
            Some(_) => {
                let key = key();
                self.collided.get(&key).copied().ok_or(Vacant::Collided(key))
            }
        }
    }

    /// Records merged location `i` where [`LocationIndex::find`] found no location.
    pub fn insert(&mut self, vacant: Vacant, i: u32) {
        match vacant {
            Vacant::Fingerprint(f) => self.by_fingerprint.insert(f, i),
            Vacant::Collided(key) => self.collided.insert(key, i),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Three keys with one fingerprint stay three locations, each found again.
    #[test]
    fn keys_whose_fingerprints_collide_stay_apart() {
        let keys: Vec<LocationKey> = (0..3).map(|a| (a, 0, Box::from([(1, 10)]), false)).collect();
        let mut index = LocationIndex::default();
        let find = |index: &LocationIndex, k: usize| {
            index.find(7, |i| keys[i as usize] == keys[k], || keys[k].clone())
        };
        for k in 0..3 {
            let vacant = find(&index, k).err().expect("a new key is not found");
            index.insert(vacant, k as u32);
        }
        for k in 0..3 {
            assert_eq!(find(&index, k).ok(), Some(k as u32));
        }
        assert_eq!(index.by_fingerprint.len(), 1);
        assert_eq!(index.collided.len(), 2);
    }
}
