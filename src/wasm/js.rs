//! Making JS values: plain objects through one shared serde-wasm-bindgen serializer, and
//! arrays of strings and numbers built with as few crossings as possible.

use js_sys::{Array, Float64Array, Object, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible()
}

pub fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    v.serialize(&serializer()).map_err(|e| JsError::new(&e.to_string()))
}

pub fn set(obj: &Object, key: &str, value: impl Into<JsValue>) {
    Reflect::set(obj, &JsValue::from_str(key), &value.into()).expect("setting a field on a plain object");
}

/// Strings as a JS array, made in one crossing: the names are joined into one text,
/// decoded once, and cut in JS at their UTF-16 ends. One string at a time costs a
/// decoder call and two crossings each, which for a table of 15,000 functions was most
/// of the time its `top` took in the browser.
pub fn strings(names: impl Iterator<Item = impl AsRef<str>>) -> Array {
    let mut text = String::new();
    let mut ends = Vec::new();
    let mut at = 0u32;
    for s in names {
        let s = s.as_ref();
        text.push_str(s);
        at += if s.is_ascii() { s.len() } else { s.encode_utf16().count() } as u32;
        ends.push(at);
    }
    split_at_ends(&text, &ends)
}

#[wasm_bindgen(inline_js = "export function split_at_ends(text, ends) {
  const out = new Array(ends.length);
  let at = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = text.slice(at, ends[i]);
    at = ends[i];
  }
  return out;
}")]
extern "C" {
    fn split_at_ends(text: &str, ends: &[u32]) -> Array;
}

/// i64 values as a Float64Array (exact up to 2^53).
pub fn f64_array(v: &[i64]) -> Float64Array {
    let f: Vec<f64> = v.iter().map(|&x| x as f64).collect();
    Float64Array::from(&f[..])
}
