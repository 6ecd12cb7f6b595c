//! The interned string table. Every name in the model is a [`StrId`], so comparing names
//! is integer equality and each distinct string is stored once.

use rustc_hash::FxHashMap;

/// A handle to a string in a [`StringTable`]. `StrId(0)` is always the empty string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct StrId(pub u32);

impl StrId {
    pub const EMPTY: StrId = StrId(0);
}

/// Strings in insertion order; index 0 is `""`, as in profile.proto.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StringTable {
    strings: Vec<Box<str>>,
}

impl Default for StringTable {
    fn default() -> Self {
        StringTable { strings: vec!["".into()] }
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
        StringTable { strings }
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
#[derive(Default)]
pub struct StringInterner {
    table: StringTable,
    index: FxHashMap<Box<str>, StrId>,
}

impl StringInterner {
    pub fn intern(&mut self, s: &str) -> StrId {
        if s.is_empty() {
            return StrId::EMPTY;
        }
        if let Some(&id) = self.index.get(s) {
            return id;
        }
        let id = StrId(self.table.strings.len() as u32);
        self.table.strings.push(s.into());
        self.index.insert(s.into(), id);
        id
    }

    pub fn finish(self) -> StringTable {
        self.table
    }
}
