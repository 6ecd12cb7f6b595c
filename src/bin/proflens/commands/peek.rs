//! `proflens peek FILE REGEX`: pprof's `-peek`, the callers and callees of each matching
//! function.

use crate::options::{io_failure, Options};
use crate::target::Target;
use crate::Failure;
use proflens::query::filter;
use proflens::query::peek::peek;
use std::io::Write;

pub fn run(opts: Options, out: &mut impl Write) -> Result<(), Failure> {
    let [file, re] = &opts.files[..] else {
        return Err(Failure::Usage("peek takes a file and a regexp".into()));
    };
    let re = filter::regex("peek", re).map_err(Failure::Usage)?;
    let opts = Options { files: vec![file.clone()], ..opts };
    let mut target = Target::open(&opts)?;
    let (index, percent_base) = (target.index, target.percent_base()?);
    let (view, p) = target.view(&opts)?;
    let (mut table, entries) = peek(p, &view, index, |name| re.is_match(name));
    if entries.is_empty() {
        return Err(Failure::Input(format!("no matches found for regexp: {re}")));
    }
    table.total = percent_base;
    out.write_all(proflens::report::peek_text::render(p, &view, &table, &entries).as_bytes())
        .map_err(io_failure)
}
