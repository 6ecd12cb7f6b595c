//! `proflens folded FILE`: folded stacks, as flamegraph.pl and inferno read them.

use crate::options::{io_failure, Options};
use crate::target::Target;
use crate::Failure;
use std::io::Write;

pub fn run(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let mut target = Target::open(opts)?;
    let (view, p) = target.view(opts)?;
    proflens::report::folded_text::write(p, &view, out).map_err(io_failure)
}
