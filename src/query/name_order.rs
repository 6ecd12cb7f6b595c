//! The frame keys of a view ranked by name, computed once per set of keys: sorting rows
//! and flame children by name compared strings on every comparison, and a filtered
//! profile's view (which keeps its source's keys) sorted the same names again.

use super::granularity::FrameKeys;

pub struct NameOrder {
    /// Per key: its place among all keys sorted by name, distinct for every key (keys with
    /// the same name in the order the sort left them).
    pub distinct: Vec<u32>,
    /// Per key: the same, but equal for keys with equal names (the rank of the first).
    pub tied: Vec<u32>,
}

impl NameOrder {
    pub fn new(keys: &FrameKeys) -> NameOrder {
        let names = &keys.names;
        let mut by_name: Vec<u32> = (0..names.len() as u32).collect();
        by_name.sort_unstable_by(|&a, &b| names[a as usize].cmp(&names[b as usize]));
        let mut distinct = vec![0u32; by_name.len()];
        let mut tied = vec![0u32; by_name.len()];
        let mut run = 0u32;
        for (r, &k) in by_name.iter().enumerate() {
            if r == 0 || names[k as usize] != names[by_name[r - 1] as usize] {
                run = r as u32;
            }
            distinct[k as usize] = r as u32;
            tied[k as usize] = run;
        }
        NameOrder { distinct, tied }
    }
}
