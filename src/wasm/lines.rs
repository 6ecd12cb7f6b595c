//! "Lines of this function": the function's rows of `-top -lines` (see
//! `query::function_lines`), for the lines panel.

use super::{set, Session};
use crate::query::function_lines::{function_lines, split_line_name};
use crate::query::StackView;
use js_sys::{Float64Array, Object};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Session {
    /// The lines of `function` in profile `id`: `{unit, total, rows, names, files, lines,
    /// flat, cum, function}` in file then line order (see `FunctionLinesResult` in protocol.ts).
    #[wasm_bindgen(js_name = functionLines)]
    pub fn function_lines(&mut self, id: u32, sample_index: u32, function: &str) -> Result<JsValue, JsError> {
        let percent_base = self.percent_base(id, sample_index as usize)?;
        let (view, p, index) = self.query(id, sample_index, "lines")?;
        let function = resolve(&view, function);
        let rows = function_lines(p, &view, index, &function);
        let obj = Object::new();
        let column = |f: fn(&crate::query::function_lines::LineRow) -> f64| {
            Float64Array::from(&rows.iter().map(f).collect::<Vec<f64>>()[..])
        };
        set(&obj, "function", function.as_str());
        set(&obj, "unit", p.str(p.sample_types[index].unit));
        set(&obj, "total", percent_base.unwrap_or_else(|| crate::query::values::total(p, index)) as f64);
        set(&obj, "rows", rows.len() as u32);
        set(&obj, "names", super::strings(rows.iter().map(|r| r.name.as_str())));
        set(&obj, "files", super::strings(rows.iter().map(|r| r.file.as_str())));
        set(&obj, "lines", column(|r| r.line as f64));
        set(&obj, "flat", column(|r| r.flat as f64));
        set(&obj, "cum", column(|r| r.cum as f64));
        Ok(obj.into())
    }
}

/// The function a selected row names: the row may come from the lines granularity
/// (`f file:line`) or the file-functions one (`f file`), as well as the functions one.
fn resolve(view: &StackView, selected: &str) -> String {
    let keys = &view.keys;
    if let Some(k) = keys.names.iter().position(|n| n == selected) {
        if let Some((f, _, _)) = split_line_name(selected, &keys.places[k]) {
            return f.to_string();
        }
    }
    let is_function = |f: &str| {
        keys.names
            .iter()
            .zip(keys.places.iter())
            .any(|(n, p)| split_line_name(n, p).is_some_and(|(g, _, _)| g == f))
    };
    if is_function(selected) {
        return selected.to_string();
    }
    match selected.rsplit_once(' ') {
        Some((f, _)) if is_function(f) => f.to_string(),
        _ => selected.to_string(),
    }
}
