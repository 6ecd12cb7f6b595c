//! Taking results out of the page (nothing is uploaded): the flame graph as SVG, folded
//! stacks, the profile (or diff, or filtered view) as a `.pb.gz`, optionally redacted, and
//! the tables on screen as CSV or Markdown.

use super::{Error, Result, Session};
use crate::query::diff_view::diff_flame;
use crate::query::filter::regex;
use crate::query::flame::{flame, FlameGraph};
use crate::query::redact::{redact, Redaction};
use crate::query::Granularity;
use crate::report::flame_svg::{render, SvgOptions};
use crate::report::table;

impl Session {
    /// The flame graph as a standalone SVG, as shown: `root` is the zoomed box (its `node`
    /// id in the flame windows, or `None`), `search` a regexp to outline (or ""); a diff
    /// gets diff colours.
    pub fn flame_svg(
        &mut self,
        id: u32,
        sample_index: usize,
        g: Granularity,
        search: &str,
        root: Option<u32>,
    ) -> Result<String> {
        let highlight = match search {
            "" => None,
            s => Some(regex("search", s)?),
        };
        let (is_diff, name) = {
            let l = self.get(id)?;
            (self.is_diff(id)?, l.name.clone())
        };
        let (view, p, index) = self.query(id, sample_index, g)?;
        let title = format!("{name}: {}", p.str(p.sample_types[index].ty));
        let unit = super::unit(p, index);
        let options = |g: &FlameGraph, diff| SvgOptions {
            title: &title,
            unit: &unit,
            width: 1200.0,
            highlight: highlight.as_ref(),
            root: root.and_then(|r| g.node.iter().position(|&n| n == r)),
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
    pub fn folded(&mut self, id: u32, g: Granularity) -> Result<String> {
        let (view, _) = self.view(id, g)?;
        let p = &self.get(id)?.profile;
        let mut out = Vec::new();
        crate::report::folded_text::write(p, &view, &mut out).map_err(|e| Error(e.to_string()))?;
        String::from_utf8(out).map_err(|e| Error(e.to_string()))
    }

    /// The profile as gzip'd profile.proto, which `go tool pprof` opens with the same
    /// numbers, redacted if asked.
    pub fn export_profile(&mut self, id: u32, redaction: Option<&Redaction>) -> Result<Vec<u8>> {
        self.complete(id)?;
        let p = &self.get(id)?.profile;
        Ok(match redaction {
            None => crate::encode::encode_gzip(p),
            Some(how) => crate::encode::encode_gzip(&redact(p, how)),
        })
    }
}

/// The format of a table written for a file.
#[derive(serde::Deserialize, Debug, Clone, Copy, PartialEq, Eq, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum TableFormat {
    Csv,
    Md,
}

/// A table on screen as a file (CSV or Markdown): the page hands its cells to the CLI's
/// writers, so names are escaped in one place (`report::escape`).
pub fn table_text(format: TableFormat, header: Vec<String>, rows: Vec<Vec<String>>) -> Result<String> {
    if rows.iter().any(|r| r.len() != header.len()) {
        return Err(Error("a table row is not as wide as its header".into()));
    }
    let t = table::Table { header, rows };
    Ok(match format {
        TableFormat::Csv => table::csv(&t),
        TableFormat::Md => table::markdown(&t),
    })
}

/// A redaction as the page names it: "" (none), "hash" or "trim:PREFIX".
pub fn parse_redaction(s: &str) -> Result<Option<Redaction>> {
    match s {
        "" => Ok(None),
        "hash" => Ok(Some(Redaction::Hash)),
        r => match r.strip_prefix("trim:") {
            Some(prefix) => Ok(Some(Redaction::TrimPath(prefix.to_string()))),
            None => Err(Error(format!("unknown redaction {r:?}"))),
        },
    }
}
