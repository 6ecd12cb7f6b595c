//! `proflens tags FILE`: pprof's `-tags`, each label key's values and amounts.

use crate::options::{io_failure, Format, Options};
use crate::target::Target;
use crate::Failure;
use proflens::report;
use std::io::Write;

pub fn run(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let target = Target::open(opts)?;
    let (p, index) = (target.profile(), target.index);
    let keys = proflens::query::tags::tags(p, index);
    let text = if opts.format == Format::Json {
        report::tags_text::json(&keys) + "\n"
    } else {
        report::tags_text::text(&keys, p.str(p.sample_types[index].unit))
    };
    out.write_all(text.as_bytes()).map_err(io_failure)
}
