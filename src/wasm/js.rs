//! Making JS values from the session's results: every result goes through one shared
//! serde-wasm-bindgen serializer, and its bulk columns (see `session::columns`) then
//! become typed arrays and string arrays in one step each.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// JSON-compatible plain objects (maps as objects, `None` as null, 64-bit numbers as
/// numbers), with bytes as `Uint8Array`s so that a column crosses in one copy.
fn serializer() -> serde_wasm_bindgen::Serializer {
    serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false)
}

/// A result as a JS value, its columns as typed arrays.
pub fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsError> {
    let value = v.serialize(&serializer()).map_err(|e| JsError::new(&e.to_string()))?;
    Ok(revive(value))
}

// Replaces each column record (`{$typed, bytes[, text]}`) in a result by the array it
// stands for: a typed array viewing its bytes (their own buffer, from offset 0, so aligned),
// or for names the joined text cut at its UTF-16 ends.
#[wasm_bindgen(inline_js = "
const TYPED = { f64: Float64Array, u32: Uint32Array, i32: Int32Array, u16: Uint16Array, u8: Uint8Array };
function column(c) {
  const b = c.bytes;
  if (c.$typed !== 'str') return new TYPED[c.$typed](b.buffer, b.byteOffset, b.byteLength / TYPED[c.$typed].BYTES_PER_ELEMENT);
  const ends = new Uint32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  const out = new Array(ends.length);
  let at = 0;
  for (let i = 0; i < ends.length; i++) {
    out[i] = c.text.slice(at, ends[i]);
    at = ends[i];
  }
  return out;
}
export function revive(v) {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
  if (typeof v.$typed === 'string') return column(v);
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (v[i] !== null && typeof v[i] === 'object') v[i] = revive(v[i]);
  } else {
    for (const k in v) if (v[k] !== null && typeof v[k] === 'object') v[k] = revive(v[k]);
  }
  return v;
}")]
extern "C" {
    fn revive(v: JsValue) -> JsValue;
}
