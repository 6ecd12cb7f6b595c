//! The session's one cache policy: the derived results that are costly to make and that
//! the page asks for again and again (flame trees, which each zoom and pan cuts a window
//! from, and call tree values, which each expanded row reads) are kept, least recently
//! used first out, while their estimated size stays within [`BUDGET_BYTES`].
//!
//! Stack views are not in it: a profile keeps its views (one per granularity) as long as it
//! is loaded, since every request on the profile starts from one.

use super::flames::KeptFlame;
use crate::query::calltree_view::CallTreeValues;
use crate::query::Granularity;
use std::rc::Rc;

/// The most the kept results may take, in bytes (by the estimate of [`Entry::bytes`]):
/// 128 MiB, a few flame trees and call trees of a large profile (a 1-million-node call tree
/// takes about 30 MB of them). The newest entry is kept even if it alone is larger.
pub const BUDGET_BYTES: usize = 128 << 20;

/// What a kept result is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Key {
    Flame(super::flames::FlameKey),
    /// Call tree values of (profile, granularity, sample index).
    Tree(u32, Granularity, usize),
}

impl Key {
    fn profile(&self) -> u32 {
        match self {
            Key::Flame(k) => k.id,
            Key::Tree(id, ..) => *id,
        }
    }
}

#[derive(Clone)]
pub enum Entry {
    Flame(Rc<KeptFlame>),
    Tree(Rc<CallTreeValues>),
}

impl Entry {
    /// An estimate of the bytes the entry holds.
    fn bytes(&self) -> usize {
        match self {
            Entry::Flame(f) => f.heap_bytes(),
            Entry::Tree(t) => t.heap_bytes(),
        }
    }
}

/// The kept results, least recently used first.
pub struct Cache {
    budget: usize,
    kept: Vec<(Key, Entry, usize)>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache::with_budget(BUDGET_BYTES)
    }
}

impl Cache {
    pub fn with_budget(budget: usize) -> Cache {
        Cache { budget, kept: Vec::new() }
    }

    /// The entry for `key`, which becomes the most recently used.
    pub fn get(&mut self, key: &Key) -> Option<Entry> {
        let at = self.kept.iter().position(|(k, ..)| k == key)?;
        let e = self.kept.remove(at);
        let entry = e.1.clone();
        self.kept.push(e);
        Some(entry)
    }

    /// Keeps `entry`, dropping the least recently used ones until the budget holds.
    pub fn put(&mut self, key: Key, entry: Entry) {
        self.kept.retain(|(k, ..)| *k != key);
        let bytes = entry.bytes();
        while !self.kept.is_empty() && self.used() + bytes > self.budget {
            self.kept.remove(0);
        }
        self.kept.push((key, entry, bytes));
    }

    /// The bytes kept now (by the estimate).
    pub fn used(&self) -> usize {
        self.kept.iter().map(|(.., b)| b).sum()
    }

    pub fn len(&self) -> usize {
        self.kept.len()
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    /// Drops what was kept for a profile that is closed.
    pub fn forget(&mut self, id: u32) {
        self.kept.retain(|(k, ..)| k.profile() != id);
    }
}
