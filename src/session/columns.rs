//! Bulk columns of a result: a table's values, a flame window's boxes, a list of names.
//!
//! They serialize as a small tagged record, `{"$typed": "f64", "bytes": <the raw bytes>}`
//! (for names `{"$typed": "str", "text": <all names joined>, "bytes": <UTF-16 ends>}`), so
//! a serializer that turns bytes into a `Uint8Array` (serde-wasm-bindgen does) moves the
//! whole column in one copy; the wasm layer then views those bytes as the typed array the
//! record names, and cuts the joined names at their ends. Serializing one JS number or
//! string at a time costs a boundary crossing each, which for a table of 15,000 functions
//! was most of the time its request took in the browser.

use serde::ser::{Serialize, SerializeStruct, Serializer};

/// One value per row or box; crosses as the typed array of [`Element::TYPED`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column<T>(pub Vec<T>);

/// What a column can hold, and the typed array it becomes in JS.
pub trait Element: Copy {
    /// `f64` (Float64Array), `u32`, `i32`, `u16` or `u8`.
    const TYPED: &'static str;
    /// The typed array's name in TypeScript.
    const TS: &'static str;
    fn push_bytes(v: &[Self], out: &mut Vec<u8>);
}

macro_rules! element {
    ($t:ty, $name:literal, $ts:literal) => {
        impl Element for $t {
            const TYPED: &'static str = $name;
            const TS: &'static str = $ts;
            fn push_bytes(v: &[Self], out: &mut Vec<u8>) {
                out.reserve(std::mem::size_of_val(v));
                for x in v {
                    out.extend_from_slice(&x.to_le_bytes());
                }
            }
        }
    };
}
element!(f64, "f64", "Float64Array");
element!(u32, "u32", "Uint32Array");
element!(i32, "i32", "Int32Array");
element!(u16, "u16", "Uint16Array");
element!(u8, "u8", "Uint8Array");

/// Values stay i64 in the engine and cross as JS numbers (exact up to 2^53).
impl Element for i64 {
    const TYPED: &'static str = "f64";
    const TS: &'static str = "Float64Array";
    fn push_bytes(v: &[Self], out: &mut Vec<u8>) {
        out.reserve(v.len() * 8);
        for &x in v {
            out.extend_from_slice(&(x as f64).to_le_bytes());
        }
    }
}

impl<T> std::ops::Deref for Column<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T> FromIterator<T> for Column<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Column(iter.into_iter().collect())
    }
}

impl<T: Element> Serialize for Column<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::new();
        T::push_bytes(&self.0, &mut bytes);
        let mut r = s.serialize_struct("Column", 2)?;
        r.serialize_field("$typed", T::TYPED)?;
        r.serialize_field("bytes", &Bytes(&bytes))?;
        r.end()
    }
}

/// What a column is in TypeScript: the typed array it becomes.
impl<T: Element> ts_rs::TS for Column<T> {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        T::TS.to_string()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

/// Bytes that serialize as bytes (a `Uint8Array` through serde-wasm-bindgen), not as a
/// sequence of numbers.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(self.0)
    }
}

/// A list of names, kept joined with the UTF-16 offset where each ends (JS strings count
/// UTF-16 units); becomes a `string[]` in JS.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Names {
    text: String,
    /// Byte offsets in `text` (for Rust) and UTF-16 offsets (for JS) of each end.
    byte_ends: Vec<u32>,
    utf16_ends: Vec<u32>,
}

impl Names {
    pub fn len(&self) -> usize {
        self.byte_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.byte_ends.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.byte_ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.byte_ends[i - 1] as usize };
        Some(&self.text[start..end])
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i).expect("in range"))
    }

    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl<S: AsRef<str>> FromIterator<S> for Names {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut n = Names::default();
        let mut utf16 = 0u32;
        for s in iter {
            let s = s.as_ref();
            n.text.push_str(s);
            utf16 += if s.is_ascii() { s.len() } else { s.encode_utf16().count() } as u32;
            n.byte_ends.push(n.text.len() as u32);
            n.utf16_ends.push(utf16);
        }
        n
    }
}

impl ts_rs::TS for Names {
    type WithoutGenerics = Self;
    type OptionInnerType = Self;
    fn name(_: &ts_rs::Config) -> String {
        "string[]".to_string()
    }
    fn inline(cfg: &ts_rs::Config) -> String {
        Self::name(cfg)
    }
}

impl Serialize for Names {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut bytes = Vec::new();
        u32::push_bytes(&self.utf16_ends, &mut bytes);
        let mut r = s.serialize_struct("Names", 3)?;
        r.serialize_field("$typed", "str")?;
        r.serialize_field("text", &self.text)?;
        r.serialize_field("bytes", &Bytes(&bytes))?;
        r.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_ends_in_both_units() {
        let n: Names = ["main", "héllo", "", "𝄞x"].into_iter().collect();
        assert_eq!(n.to_vec(), vec!["main", "héllo", "", "𝄞x"]);
        assert_eq!(n.utf16_ends, vec![4, 9, 9, 12]);
        let json = serde_json::to_value(&n).unwrap();
        assert_eq!(json["$typed"], "str");
        assert_eq!(json["text"], "mainhéllo𝄞x");
    }

    #[test]
    fn i64_columns_cross_as_f64_bytes() {
        let c = Column(vec![-3i64, 1 << 40]);
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["$typed"], "f64");
        let bytes: Vec<u8> =
            json["bytes"].as_array().unwrap().iter().map(|b| b.as_u64().unwrap() as u8).collect();
        let back: Vec<f64> = bytes.chunks(8).map(|c| f64::from_le_bytes(c.try_into().unwrap())).collect();
        assert_eq!(back, vec![-3.0, (1u64 << 40) as f64]);
    }
}
