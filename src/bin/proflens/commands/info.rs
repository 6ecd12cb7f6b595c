//! `proflens info FILE`: what a profile or goroutine dump is.

use crate::load::load_any;
use crate::options::{io_failure, Format, Options};
use crate::Failure;
use proflens::decode::Decoded;
use proflens::query::goroutines::group;
use proflens::report;
use std::io::Write;

pub fn run(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    let text = match (load_any(opts.one_file()?, 0)?, opts.format == Format::Json) {
        (Decoded::Profile(p), false) => report::info::render(&p),
        (Decoded::Profile(p), true) => report::info::json(&p) + "\n",
        (Decoded::Goroutines(d), false) => report::info::render_dump(&d, &group(&d)),
        (Decoded::Goroutines(d), true) => report::info::json_dump(&d) + "\n",
    };
    out.write_all(text.as_bytes()).map_err(io_failure)
}
