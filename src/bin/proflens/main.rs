//! `proflens`: a thin command-line layer over the library: usage and dispatch here, one
//! file per subcommand in `commands/`, the single-profile ones over a `session::Session`.
//!
//! Exit codes: 0 success, 1 bad input (message on stderr), 2 bad usage.

use options::{io_failure, parse_options, Format};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

mod commands;
mod http;
mod load;
mod options;
mod target;

const USAGE: &str = "usage:
  proflens info FILE [--format text|json]
  proflens top FILE [--sample-index NAME|N] [--granularity functions|filefunctions|files|lines]
                    [--cum] [--nodecount N] [--format text|json|csv|md] [DIFF]
  proflens folded FILE [--granularity G] [DIFF]
  proflens export FILE [DIFF] [FILTERS] [--redact | --trim-path PREFIX] -o OUT.pb.gz
  proflens trend FILE FILE [FILE...] [--sample-index NAME] [--granularity G] [--nodecount N]
                    [--format text|json]
  proflens peek FILE REGEX [--sample-index NAME|N] [--granularity G] [DIFF] [FILTERS]
  proflens flame FILE [DIFF] [FILTERS] [--sample-index NAME|N] [--granularity G] [--search RE]
                    -o OUT.svg
  proflens tags FILE [--sample-index NAME|N] [--format text|json] [FILTERS]
  proflens goroutines FILE [--base FILE] [--format text|json]
  proflens goroutines OLDEST ... NEWEST [--format text|json]
  proflens report FILE|DIR... [--after FILE|DIR...] [--same-program] [--format text|md|json]
  proflens open FILE|DIR... [--port N] [--no-browser] [--site DIR]
  proflens watch URL [--every 5m] [--count N] [--out DIR] [--profiles heap,goroutine,allocs,block,mutex]
                    [--cpu 30s] [--open [--port N] [--no-browser] [--site DIR]]
DIFF: --base BASE | --diff-base BASE, with [--normalize] [--drop-negative]
FILTERS (top, folded, export, trend; pprof's flags): --focus RE --ignore RE --hide RE --show RE
  --show-from RE --prune-from RE --tagfocus [KEY=]VALUES|RANGE --tagignore [KEY=]VALUES|RANGE";

pub enum Failure {
    Usage(String),
    Input(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(msg)) => {
            eprintln!("proflens: {msg}\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Input(msg)) => {
            eprintln!("proflens: {msg}");
            ExitCode::from(1)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (cmd, rest) = match args {
        [h] if h == "--help" || h == "-h" => {
            println!("{USAGE}");
            return Ok(());
        }
        [cmd, rest @ ..] => (cmd.as_str(), rest),
        _ => return Err(Failure::Usage("missing command".into())),
    };
    match cmd {
        "open" => return commands::open::run(rest),
        "watch" => return commands::watch::run(rest),
        "report" => return commands::report::run(rest),
        _ => {}
    }
    let mut opts = parse_options(rest)?;
    opts.files = load::expand_dirs(cmd, std::mem::take(&mut opts.files))?;
    if matches!(opts.format, Format::Csv | Format::Md) && cmd != "top" {
        return Err(Failure::Usage(format!("--format csv|md is for top, not {cmd}")));
    }
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    match cmd {
        "info" => commands::info::run(&opts, &mut out)?,
        "goroutines" => commands::goroutines::run(&opts, &mut out)?,
        "top" => commands::top::run(&opts, &mut out)?,
        "folded" => commands::folded::run(&opts, &mut out)?,
        "export" => commands::export::run(&opts)?,
        "trend" => commands::trend::run(&opts, &mut out)?,
        "flame" => commands::flame::run(&opts)?,
        "tags" => commands::tags::run(&opts, &mut out)?,
        "peek" => commands::peek::run(opts, &mut out)?,
        other => return Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
    out.flush().map_err(io_failure)
}
