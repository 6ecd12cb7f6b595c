//! `proflens`: a thin command-line layer over the library.
//!
//! Exit codes: 0 success, 1 bad input (message on stderr), 2 bad usage.

use proflens::query::diff::{diff, diff_sides, DiffMode, DiffOptions};
use proflens::query::diff_view::{diff_flame, DiffInputs};
use proflens::query::filter::{self, Filters, TagFilter};
use proflens::query::goroutines::{diff as gdiff, group, series};
use proflens::query::peek::peek;
use proflens::query::redact::{redact, Redaction};
use proflens::query::values::total;
use proflens::query::{top, Granularity, SortOrder, StackView};
use proflens::report;
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

mod commands;
mod http;
mod load;

use load::{load, load_all, load_any, load_dump};
use proflens::decode::Decoded;

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
  proflens report FILE|DIR... [--format text|md|json]
  proflens open FILE|DIR... [--port N] [--no-browser] [--site DIR]
  proflens watch URL [--every 5m] [--count N] [--out DIR] [--profiles heap,goroutine,allocs,block,mutex]
                    [--cpu 30s] [--open [--port N] [--no-browser] [--site DIR]]
DIFF: --base BASE | --diff-base BASE, with [--normalize] [--drop-negative]
FILTERS (top, folded, export, trend; pprof's flags): --focus RE --ignore RE --hide RE --show RE
  --show-from RE --prune-from RE --tagfocus [KEY=]VALUES|RANGE --tagignore [KEY=]VALUES|RANGE";

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

/// `--format`: csv and md are tables, so only `top` takes them.
#[derive(Default, Clone, Copy, PartialEq)]
enum Format {
    #[default]
    Text,
    Json,
    Csv,
    Md,
}

/// Parsed `--flag value` options after the command and file.
#[derive(Default)]
struct Options {
    /// The file arguments, in order.
    files: Vec<String>,
    sample_index: Option<String>,
    granularity: Granularity,
    cum: bool,
    nodecount: Option<usize>,
    format: Format,
    /// `--base` or `--diff-base`, and the base file.
    diff: Option<(DiffMode, String)>,
    normalize: bool,
    drop_negative: bool,
    output: Option<String>,
    filters: Filters,
    redaction: Option<Redaction>,
    search: Option<regex_lite::Regex>,
}

fn parse_options(rest: &[String]) -> Result<Options, Failure> {
    let mut o = Options::default();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        if !flag.starts_with('-') || flag == "-" {
            o.files.push(flag.clone());
            continue;
        }
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
            "--base" | "--diff-base" | "--diff_base" => {
                if o.diff.is_some() {
                    return Err(Failure::Usage("give one of --base and --diff-base".into()));
                }
                let mode = DiffMode::parse(flag.trim_start_matches('-')).expect("flag names a mode");
                o.diff = Some((mode, value()?));
            }
            "--normalize" => o.normalize = true,
            "--drop-negative" | "--drop_negative" => o.drop_negative = true,
            "-o" | "--output" => o.output = Some(value()?),
            "--redact" => o.redaction = Some(Redaction::Hash),
            "--search" => o.search = Some(filter::regex("search", &value()?).map_err(Failure::Usage)?),
            "--trim-path" | "--trim_path" => o.redaction = Some(Redaction::TrimPath(value()?)),
            "--focus" | "--ignore" | "--hide" | "--show" | "--show-from" | "--show_from" | "--prune-from"
            | "--prune_from" => {
                let name = flag.trim_start_matches('-').replace('-', "_");
                let re = Some(filter::regex(&name, &value()?).map_err(Failure::Usage)?);
                let f = &mut o.filters;
                match name.as_str() {
                    "focus" => f.focus = re,
                    "ignore" => f.ignore = re,
                    "hide" => f.hide = re,
                    "show" => f.show = re,
                    "show_from" => f.show_from = re,
                    _ => f.prune_from = re,
                }
            }
            "--tagfocus" => o.filters.tag_focus = Some(TagFilter::parse(&value()?).map_err(Failure::Usage)?),
            "--tagignore" => {
                o.filters.tag_ignore = Some(TagFilter::parse(&value()?).map_err(Failure::Usage)?)
            }
            "--format" => match value()?.as_str() {
                "text" => o.format = Format::Text,
                "json" => o.format = Format::Json,
                "csv" => o.format = Format::Csv,
                "md" => o.format = Format::Md,
                other => return Err(Failure::Usage(format!("unknown format {other:?}"))),
            },
            other => return Err(Failure::Usage(format!("unknown option {other:?}"))),
        }
    }
    Ok(o)
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
        "info" => {
            let text = match (load_any(one_file(&opts)?, 0)?, opts.format == Format::Json) {
                (Decoded::Profile(p), false) => report::info::render(&p),
                (Decoded::Profile(p), true) => report::info::json(&p) + "\n",
                (Decoded::Goroutines(d), false) => report::info::render_dump(&d, &group(&d)),
                (Decoded::Goroutines(d), true) => report::info::json_dump(&d) + "\n",
            };
            out.write_all(text.as_bytes()).map_err(io_failure)?;
        }
        "goroutines" => goroutines(&opts, &mut out)?,
        "top" => {
            let unfiltered = load_view_target(&opts)?;
            let index = sample_index(&unfiltered, &opts)?;
            let p = opts.filters.apply(&unfiltered);
            let view = StackView::new(&p, opts.granularity);
            let mut t = top(&p, &view, index);
            // pprof takes percentages of the total before its filters.
            t.total = total(&unfiltered, index);
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
                Format::Json => report::json::top(&p, &view, &t) + "\n",
                Format::Csv => report::table::csv(&report::table::top_table(&p, &view, &t)),
                Format::Md => report::table::markdown(&report::table::top_table(&p, &view, &t)),
                Format::Text => report::top_text::render(&p, &view, &t, all),
            };
            out.write_all(text.as_bytes()).map_err(io_failure)?;
        }
        "folded" => {
            let unfiltered = load_view_target(&opts)?;
            let p = opts.filters.apply(&unfiltered);
            let view = StackView::new(&p, opts.granularity);
            report::folded_text::write(&p, &view, &mut out).map_err(io_failure)?;
        }
        "export" => {
            let unfiltered = load_view_target(&opts)?;
            let mut p = opts.filters.apply(&unfiltered);
            if let Some(how) = &opts.redaction {
                p = std::borrow::Cow::Owned(redact(&p, how));
            }
            let path =
                opts.output.as_deref().ok_or_else(|| Failure::Usage("export needs -o OUT.pb.gz".into()))?;
            std::fs::write(path, proflens::encode::encode_gzip(&p))
                .map_err(|e| Failure::Input(format!("{path}: {e}")))?;
        }
        "trend" => trend(&opts, &mut out)?,
        "flame" => flame_svg(&opts)?,
        "tags" => {
            let unfiltered = load_view_target(&opts)?;
            let index = sample_index(&unfiltered, &opts)?;
            let p = opts.filters.apply(&unfiltered);
            let keys = proflens::query::tags::tags(&p, index);
            let text = if opts.format == Format::Json {
                report::tags_text::json(&keys) + "\n"
            } else {
                report::tags_text::text(&keys, p.str(p.sample_types[index].unit))
            };
            out.write_all(text.as_bytes()).map_err(io_failure)?;
        }
        "peek" => {
            let [file, re] = &opts.files[..] else {
                return Err(Failure::Usage("peek takes a file and a regexp".into()));
            };
            let re = filter::regex("peek", re).map_err(Failure::Usage)?;
            let opts = Options { files: vec![file.clone()], ..opts };
            let unfiltered = load_view_target(&opts)?;
            let index = sample_index(&unfiltered, &opts)?;
            let p = opts.filters.apply(&unfiltered);
            let view = StackView::new(&p, opts.granularity);
            let (mut table, entries) = peek(&p, &view, index, |name| re.is_match(name));
            if entries.is_empty() {
                return Err(Failure::Input(format!("no matches found for regexp: {re}")));
            }
            table.total = total(&unfiltered, index);
            out.write_all(report::peek_text::render(&p, &view, &table, &entries).as_bytes())
                .map_err(io_failure)?;
        }
        other => return Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
    out.flush().map_err(io_failure)
}

/// `proflens flame`: the flame graph as SVG; with a diff, the differential one (laid out
/// by the target, coloured by the change). Filters apply to each side before the diff,
/// which for pprof's per-sample filters is the same as after it.
fn flame_svg(opts: &Options) -> Result<(), Failure> {
    let path = opts.output.as_deref().ok_or_else(|| Failure::Usage("flame needs -o OUT.svg".into()))?;
    let file = one_file(opts)?;
    let base_file = opts.diff.as_ref().map(|(_, f)| f.as_str());
    let mut loaded = load_all(std::iter::once(file).chain(base_file))?.into_iter();
    let target = opts.filters.apply(&loaded.next().expect("the target was loaded")).into_owned();
    let loaded_base = loaded.next();
    let index = sample_index(&target, opts)?;
    let ty = target.str(target.sample_types[index].ty).to_string();
    let unit = target.str(target.sample_types[index].unit).to_string();
    let title = format!("{file}: {ty}");
    let svg_options = |diff| report::flame_svg::SvgOptions {
        title: &title,
        unit: &unit,
        width: 1200.0,
        highlight: opts.search.as_ref(),
        root: None,
        diff,
    };
    let svg = match &opts.diff {
        None => {
            let view = StackView::new(&target, opts.granularity);
            let g = proflens::query::flame::flame(&target, &view, index);
            report::flame_svg::render(&g, &view, &svg_options(None))
        }
        Some((mode, base_file)) => {
            let base = opts.filters.apply(&loaded_base.expect("the base was loaded")).into_owned();
            let d = diff_sides(&target, &base, DiffOptions { mode: *mode, normalize: opts.normalize })
                .map_err(|e| Failure::Input(format!("{file} and {base_file}: {e}")))?;
            let view = StackView::new(&d.profile, opts.granularity);
            let inputs = DiffInputs { merged: &d.profile, sides: &d.sides, target: &target, base: &base };
            let f = diff_flame(&inputs, &view, index);
            report::flame_svg::render(&f.graph, &view, &svg_options(Some((&f.base[..], &f.target[..]))))
        }
    };
    std::fs::write(path, svg).map_err(|e| Failure::Input(format!("{path}: {e}")))
}

fn one_file(opts: &Options) -> Result<&str, Failure> {
    match &opts.files[..] {
        [file] => Ok(file),
        [] => Err(Failure::Usage("missing file".into())),
        _ => Err(Failure::Usage("this command takes one file".into())),
    }
}

/// The profile a single-profile command reports on: the file, or the file diffed against
/// `--base`/`--diff-base` (pprof's semantics, see `query::diff`).
fn load_view_target(opts: &Options) -> Result<proflens::Profile, Failure> {
    let file = one_file(opts)?;
    let Some((mode, base_file)) = &opts.diff else {
        if opts.normalize {
            return Err(Failure::Usage("--normalize needs --base or --diff-base".into()));
        }
        return load(file);
    };
    let mut both = load_all([file, base_file.as_str()])?.into_iter();
    let (p, base) = (both.next().expect("the file was loaded"), both.next().expect("the base was loaded"));
    diff(&p, &base, DiffOptions { mode: *mode, normalize: opts.normalize })
        .map_err(|e| Failure::Input(format!("{file} and {base_file}: {e}")))
}

fn sample_index(p: &proflens::Profile, opts: &Options) -> Result<usize, Failure> {
    if p.sample_types.is_empty() {
        return Err(Failure::Input("the profile has no sample types".into()));
    }
    match &opts.sample_index {
        None => Ok(p.default_sample_index()),
        Some(s) => {
            p.sample_index(s).ok_or_else(|| Failure::Usage(format!("no sample type {s:?} in the profile")))
        }
    }
}

fn trend(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    if opts.files.len() < 2 {
        return Err(Failure::Usage("trend needs two or more files".into()));
    }
    let loaded = load_all(opts.files.iter().map(String::as_str))?;
    let profiles: Vec<_> = loaded.iter().map(|p| opts.filters.apply(p).into_owned()).collect();
    let views: Vec<StackView> = profiles.iter().map(|p| StackView::new(p, opts.granularity)).collect();
    // The default type is the oldest snapshot's.
    let oldest = (0..profiles.len()).min_by_key(|&i| profiles[i].time_nanos).unwrap_or(0);
    let first = &profiles[oldest];
    let st = first.sample_types[sample_index(first, opts)?];
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

fn goroutines(opts: &Options, out: &mut impl Write) -> Result<(), Failure> {
    if opts.files.len() > 1 {
        return goroutine_series(opts, out);
    }
    let dump = load_dump(one_file(opts)?)?;
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

fn io_failure(e: io::Error) -> Failure {
    Failure::Input(format!("write failed: {e}"))
}
