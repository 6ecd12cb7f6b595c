//! The interned string table. Every name in the model is a [`StrId`], so comparing names
//! is integer equality and each distinct string is stored once.

use rustc_hash::FxHashMap;
use std::sync::Arc;

/// A handle to a string in a [`StringTable`]. `StrId(0)` is always the empty string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct StrId(pub u32);

impl StrId {
    pub const EMPTY: StrId = StrId(0);
}

/// Strings in insertion order; index 0 is `""`, as in profile.proto.
///
/// The table never changes once made, so it is shared: a profile a filter derives keeps
/// its source's names, and copying the table (tens of thousands of names) would be a good
/// part of applying a filter. Comparing two shared copies is a pointer comparison.
#[derive(Debug, Clone, Eq)]
pub struct StringTable {
    strings: Arc<[Box<str>]>,
}

impl PartialEq for StringTable {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.strings, &other.strings) || self.strings == other.strings
    }
}

impl Default for StringTable {
    fn default() -> Self {
        StringTable { strings: Arc::from(vec!["".into()]) }
    }
}

impl StringTable {
    /// Builds a table from a profile's own string table, keeping its indexes, so that the
    /// profile's string references can be used as [`StrId`]s unchanged.
    pub fn from_profile_strings(strings: Vec<Box<str>>) -> Self {
        debug_assert!(strings.first().is_none_or(|s| s.is_empty()));
        if strings.is_empty() {
            return StringTable::default();
        }
        StringTable { strings: Arc::from(strings) }
    }

    pub fn get(&self, id: StrId) -> &str {
        &self.strings[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.strings.len()
    }

    pub fn is_empty(&self) -> bool {
        self.strings.len() <= 1
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.strings.iter().map(|s| &**s)
    }
}

/// Builds a [`StringTable`] by interning, for profiles made in code (tests, text fixtures).
pub struct StringInterner {
    strings: Vec<Box<str>>,
    index: FxHashMap<Box<str>, StrId>,
}

impl Default for StringInterner {
    fn default() -> Self {
        StringInterner { strings: vec!["".into()], index: FxHashMap::default() }
    }
}

impl StringInterner {
    pub fn intern(&mut self, s: &str) -> StrId {
        if s.is_empty() {
            return StrId::EMPTY;
        }
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = StrId(self.strings.len() as u32);
        self.strings.push(s.into());
        self.index.insert(s.into(), id);
        id
    }

    pub fn finish(self) -> StringTable {
        StringTable { strings: Arc::from(self.strings) }
    }
}
