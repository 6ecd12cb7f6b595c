//! `proflens`: a thin command-line layer over the library.
//!
//! Exit codes: 0 success, 1 bad input (message on stderr), 2 bad usage.

use proflens::query::{top, Granularity, SortOrder, StackView};
use proflens::report;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

const USAGE: &str = "usage:
  proflens info FILE
  proflens top FILE [--sample-index NAME|N] [--granularity functions|filefunctions|files|lines]
                    [--cum] [--nodecount N] [--format text|json]
  proflens folded FILE [--granularity G]";

enum Failure {
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

/// Parsed `--flag value` options after the command and file.
#[derive(Default)]
struct Options {
    sample_index: Option<String>,
    granularity: Granularity,
    cum: bool,
    nodecount: Option<usize>,
    json: bool,
}

fn parse_options(rest: &[String]) -> Result<Options, Failure> {
    let mut o = Options::default();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| Failure::Usage(format!("{flag} needs a value")));
        match flag.as_str() {
            "--sample-index" | "--sample_index" => o.sample_index = Some(value()?),
            "--granularity" => {
                let v = value()?;
                o.granularity = Granularity::parse(&v)
                    .ok_or_else(|| Failure::Usage(format!("unknown granularity {v:?}")))?;
            }
            "--cum" => o.cum = true,
            "--nodecount" => {
                let v = value()?;
                o.nodecount = Some(v.parse().map_err(|_| Failure::Usage(format!("bad --nodecount {v:?}")))?);
            }
            "--format" => match value()?.as_str() {
                "text" => o.json = false,
                "json" => o.json = true,
                other => return Err(Failure::Usage(format!("unknown format {other:?}"))),
            },
            other => return Err(Failure::Usage(format!("unknown option {other:?}"))),
        }
    }
    Ok(o)
}

fn load(path: &str) -> Result<proflens::Profile, Failure> {
    let data = std::fs::read(path).map_err(|e| Failure::Input(format!("{path}: {e}")))?;
    proflens::decode_owned(data, Default::default()).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (cmd, file, rest) = match args {
        [cmd, file, rest @ ..] => (cmd.as_str(), file.as_str(), rest),
        [h] if h == "--help" || h == "-h" => {
            println!("{USAGE}");
            return Ok(());
        }
        _ => return Err(Failure::Usage("missing command or file".into())),
    };
    let opts = parse_options(rest)?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    match cmd {
        "info" => {
            let p = load(file)?;
            write!(out, "{}", report::info::render(&p)).map_err(io_failure)?;
        }
        "top" => {
            let p = load(file)?;
            let index = match &opts.sample_index {
                None => p.default_sample_index(),
                Some(s) => p
                    .sample_index(s)
                    .ok_or_else(|| Failure::Usage(format!("no sample type {s:?} in {file}")))?,
            };
            if p.sample_types.is_empty() {
                return Err(Failure::Input(format!("{file}: the profile has no sample types")));
            }
            let view = StackView::new(&p, opts.granularity);
            let mut t = top(&p, &view, index);
            if opts.cum {
                proflens::query::top::sort_rows(&mut t.rows, &view, SortOrder::Cum);
            }
            let all = t.rows.len();
            if let Some(n) = opts.nodecount {
                t.rows.truncate(n);
            }
            let text = if opts.json {
                report::json::top(&p, &view, &t) + "\n"
            } else {
                report::top_text::render(&p, &view, &t, all)
            };
            out.write_all(text.as_bytes()).map_err(io_failure)?;
        }
        "folded" => {
            let p = load(file)?;
            let view = StackView::new(&p, opts.granularity);
            report::folded_text::write(&p, &view, &mut out).map_err(io_failure)?;
        }
        other => return Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
    out.flush().map_err(io_failure)
}

fn io_failure(e: io::Error) -> Failure {
    Failure::Input(format!("write failed: {e}"))
}
