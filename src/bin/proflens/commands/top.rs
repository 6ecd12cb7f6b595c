//! `proflens top FILE`: pprof's `-top` table, as text, JSON, CSV or Markdown.

use crate::options::{io_failure, Format, Options};
use crate::target::Target;
use crate::Failure;
use proflens::query::SortOrder;
use proflens::report;
use std::io::Write;

pub fn run(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let mut target = Target::open_for_delta(opts)?;
    let (id, index, percent_base) = (target.id, target.index, target.filtered_base()?);
    let (view, p, mut t) =
        target.session.top_table(id, index, opts.granularity).map_err(|e| Failure::Input(e.0))?;
    if let Some(base) = percent_base {
        t.total = base;
    }
    if opts.drop_negative {
        t.rows.retain(|r| !r.is_negative());
    }
    if opts.cum {
        proflens::query::top::sort_rows(&mut t.rows, &view, SortOrder::Cum);
    }
    let all = t.rows.len();
    if let Some(n) = opts.nodecount {
        t.rows.truncate(n);
    }
    let text = match opts.format {
        Format::Json => report::json::top(p, &view, &t) + "\n",
        Format::Csv => report::table::csv(&report::table::top_table(p, &view, &t)),
        Format::Md => report::table::markdown(&report::table::top_table(p, &view, &t)),
        Format::Text => report::top_text::render(p, &view, &t, all),
    };
    out.write_all(text.as_bytes()).map_err(io_failure)
}
