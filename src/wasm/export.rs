//! Taking results out of the page (nothing is uploaded): the flame graph as SVG, folded
//! stacks, the profile (or diff, or filtered view) as a `.pb.gz`, optionally redacted, and
//! the tables on screen as CSV or Markdown.

use super::Session;
use crate::query::diff_view::diff_flame;
use crate::query::filter::regex;
use crate::query::flame::{flame, FlameGraph};
use crate::query::redact::{redact, Redaction};
use crate::report::flame_svg::{render, SvgOptions};
use crate::report::table;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Session {
    /// The flame graph as a standalone SVG, as shown: `root` is the zoomed box (its `node`
    /// id in the windows `flameWindow` returns, or -1), `search` a regexp to outline
    /// (or ""); a diff (a profile made by `diff`) gets diff colours.
    #[wasm_bindgen(js_name = flameSvg)]
    pub fn flame_svg(
        &mut self,
        id: u32,
        sample_index: u32,
        granularity: &str,
        search: &str,
        root: i32,
    ) -> Result<String, JsError> {
        let highlight = match search {
            "" => None,
            s => Some(regex("search", s).map_err(|e| JsError::new(&e))?),
        };
        let (is_diff, name) = {
            let l = self.get(id)?;
            (l.diff.is_some(), l.name.clone())
        };
        let (view, p, index) = self.query(id, sample_index, granularity)?;
        let title = format!("{name}: {}", p.str(p.sample_types[index].ty));
        let unit = p.str(p.sample_types[index].unit).to_string();
        let options = |g: &FlameGraph, diff| SvgOptions {
            title: &title,
            unit: &unit,
            width: 1200.0,
            highlight: highlight.as_ref(),
            root: g.node.iter().position(|&n| i64::from(n) == i64::from(root)),
            diff,
        };
        if is_diff {
            let f = diff_flame(&self.inputs(id)?, &view, index);
            Ok(render(&f.graph, &view, &options(&f.graph, Some((&f.base[..], &f.target[..])))))
        } else {
            let g = flame(p, &view, index);
            Ok(render(&g, &view, &options(&g, None)))
        }
    }

    /// Folded stacks (`root;…;leaf value…`, one value per sample type), as flamegraph.pl
    /// and inferno read them.
    pub fn folded(&mut self, id: u32, granularity: &str) -> Result<String, JsError> {
        let (view, _) = self.view(id, granularity)?;
        let p = &self.get(id)?.profile;
        let mut out = Vec::new();
        crate::report::folded_text::write(p, &view, &mut out).map_err(|e| JsError::new(&e.to_string()))?;
        String::from_utf8(out).map_err(|e| JsError::new(&e.to_string()))
    }

    /// A table on screen as a file: `format` "csv" or "md", `cells` the header then the
    /// rows, `width` cells a row. The page hands its cells to the CLI's writers, so names
    /// are escaped in one place (`report::escape`).
    #[wasm_bindgen(js_name = tableText)]
    pub fn table_text(&self, format: &str, width: usize, cells: Vec<String>) -> Result<String, JsError> {
        let t = table::from_cells(width, cells)
            .ok_or_else(|| JsError::new("the table's cells are not whole rows"))?;
        match format {
            "csv" => Ok(table::csv(&t)),
            "md" => Ok(table::markdown(&t)),
            f => Err(JsError::new(&format!("unknown table format {f:?}"))),
        }
    }

    /// The profile as gzip'd profile.proto, which `go tool pprof` opens with the same
    /// numbers. `redaction` is "" (none), "hash" or "trim:PREFIX".
    #[wasm_bindgen(js_name = exportProfile)]
    pub fn export_profile(&self, id: u32, redaction: &str) -> Result<Vec<u8>, JsError> {
        let p = &self.get(id)?.profile;
        let how = match redaction {
            "" => None,
            "hash" => Some(Redaction::Hash),
            r => match r.strip_prefix("trim:") {
                Some(prefix) => Some(Redaction::TrimPath(prefix.to_string())),
                None => return Err(JsError::new(&format!("unknown redaction {r:?}"))),
            },
        };
        Ok(match how {
            None => crate::encode::encode_gzip(p),
            Some(how) => crate::encode::encode_gzip(&redact(p, &how)),
        })
    }
}
