//! `proflens trend FILE FILE...`: how each site grows over snapshots, ranked by leak score.

use crate::load::load_all;
use crate::options::{io_failure, Format, Options};
use crate::Failure;
use proflens::query::StackView;
use proflens::report;
use std::io::Write;

pub fn run(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    if opts.files.len() < 2 {
        return Err(Failure::Usage("trend needs two or more files".into()));
    }
    let loaded = load_all(opts.files.iter().map(String::as_str))?;
    let profiles: Vec<_> = loaded.iter().map(|p| opts.filters.apply(p).into_owned()).collect();
    let views: Vec<StackView> = profiles.iter().map(|p| StackView::new(p, opts.granularity)).collect();
    // The default type is the oldest snapshot's.
    let oldest = (0..profiles.len()).min_by_key(|&i| profiles[i].time_nanos).unwrap_or(0);
    let first = &profiles[oldest];
    let st = first.sample_types[opts.sample_index(first)?];
    let (ty, unit) = (first.str(st.ty), first.str(st.unit));
    let pairs: Vec<_> = profiles.iter().zip(&views).collect();
    let t = proflens::query::trend::trend(&pairs, ty).map_err(|e| Failure::Input(e.to_string()))?;
    let cx = report::trend::TrendContext { sample_type: ty, unit, files: &opts.files };
    let text = if opts.format == Format::Json {
        report::trend::json(&t, &cx) + "\n"
    } else {
        report::trend::text(&t, &cx, opts.nodecount)
    };
    out.write_all(text.as_bytes()).map_err(io_failure)
}
