//! `proflens goroutines FILE [--base FILE]` and `proflens goroutines OLDEST ... NEWEST`:
//! goroutine groups, against a base dump, or over several dumps.

use crate::load::load_dump;
use crate::options::{io_failure, Format, Options};
use crate::Failure;
use proflens::query::diff::DiffMode;
use proflens::query::goroutines::{diff as gdiff, group, series};
use proflens::report;
use std::io::Write;

pub fn run(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    if opts.files.len() > 1 {
        return goroutine_series(opts, out);
    }
    let dump = load_dump(opts.one_file()?)?;
    let groups = group(&dump);
    let base = match &opts.diff {
        None => None,
        Some((DiffMode::Base, file)) => Some(load_dump(file)?),
        Some(_) => return Err(Failure::Usage("goroutines takes --base, not --diff-base".into())),
    };
    let base_groups = base.as_ref().map(group);
    let diffs = base.as_ref().zip(base_groups.as_ref()).map(|(b, bg)| gdiff((&dump, &groups), (b, bg)));
    let r = report::goroutines_text::Report {
        dump: &dump,
        groups: &groups,
        base: base.as_ref().zip(base_groups.as_deref()).zip(diffs.as_deref()).map(|((b, bg), d)| (b, bg, d)),
    };
    let text = if opts.format == Format::Json {
        report::goroutines_json::render(&r) + "\n"
    } else {
        report::goroutines_text::render(&r)
    };
    out.write_all(text.as_bytes()).map_err(io_failure)
}

/// Several dumps, oldest first: each group's count over them, ranked by leak score.
fn goroutine_series(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    if opts.diff.is_some() {
        return Err(Failure::Usage("give --base with one file, or several files without it".into()));
    }
    let dumps = opts.files.iter().map(|f| load_dump(f)).collect::<Result<Vec<_>, _>>()?;
    let groups: Vec<Vec<_>> = dumps.iter().map(group).collect();
    let pairs: Vec<_> = dumps.iter().zip(&groups).map(|(d, g)| (d, &g[..])).collect();
    // Dumps carry no time: they are taken in the order given, at equal times.
    let rows = series(&pairs, &vec![0; pairs.len()]);
    let r = report::goroutines_series::SeriesReport { dumps: &pairs, files: &opts.files, rows: &rows };
    let text = if opts.format == Format::Json {
        report::goroutines_series::json(&r) + "\n"
    } else {
        report::goroutines_series::text(&r)
    };
    out.write_all(text.as_bytes()).map_err(io_failure)
}
