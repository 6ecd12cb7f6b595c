//! Maps the profile's own u64 ids (mapping, location, function) to dense indexes.
//! Ids are usually 1..=n, so a plain vector is tried first; sparse ids fall back to a hash.

use rustc_hash::FxHashMap;

pub enum IdIndex {
    /// Ids are exactly 1..=n in order (what the Go runtime writes): index = id - 1.
    Sequential(u64),
    Dense(Vec<u32>),
    Sparse(FxHashMap<u64, u32>),
}

/// Why an id table could not be built.
pub enum IdError {
    Zero(usize),
    Duplicate(usize, u64),
}

impl IdIndex {
    /// Builds the index; ids must be non-zero and unique, as pprof's CheckValid requires.
    pub fn build(ids: impl ExactSizeIterator<Item = u64> + Clone) -> Result<IdIndex, IdError> {
        let n = ids.len();
        if ids.clone().enumerate().all(|(i, id)| id == i as u64 + 1) {
            return Ok(IdIndex::Sequential(n as u64));
        }
        let max = ids.clone().max().unwrap_or(0);
        if max <= (n as u64) * 4 + 64 {
            let mut dense = vec![u32::MAX; max as usize + 1];
            for (i, id) in ids.enumerate() {
                if id == 0 {
                    return Err(IdError::Zero(i));
                }
                let slot = &mut dense[id as usize];
                if *slot != u32::MAX {
                    return Err(IdError::Duplicate(i, id));
                }
                *slot = i as u32;
            }
            return Ok(IdIndex::Dense(dense));
        }
        let mut map = FxHashMap::with_capacity_and_hasher(n, Default::default());
        for (i, id) in ids.enumerate() {
            if id == 0 {
                return Err(IdError::Zero(i));
            }
            if map.insert(id, i as u32).is_some() {
                return Err(IdError::Duplicate(i, id));
            }
        }
        Ok(IdIndex::Sparse(map))
    }

    #[inline]
    pub fn get(&self, id: u64) -> Option<u32> {
        match self {
            IdIndex::Sequential(n) => (id.wrapping_sub(1) < *n).then(|| (id - 1) as u32),
            IdIndex::Dense(v) => v.get(id as usize).copied().filter(|&i| i != u32::MAX),
            IdIndex::Sparse(m) => m.get(&id).copied(),
        }
    }
}
