//! The command line's options: `--flag value` pairs after the command, in any order, and
//! the file arguments among them.

use super::Failure;
use proflens::query::diff::DiffMode;
use proflens::query::filter::{self, Filters};
use proflens::query::redact::Redaction;
use proflens::query::Granularity;
use proflens::session::filter::{Transform, TransformOp};
use std::io;

/// `--format`: csv and md are tables, so only `top` takes them.
#[derive(Default, Clone, Copy, PartialEq)]
pub enum Format {
    #[default]
    Text,
    Json,
    Csv,
    Md,
}

/// Parsed `--flag value` options after the command and file.
#[derive(Default)]
pub struct Options {
    /// The file arguments, in order.
    pub files: Vec<String>,
    pub sample_index: Option<String>,
    pub granularity: Granularity,
    pub cum: bool,
    pub nodecount: Option<usize>,
    pub format: Format,
    /// `--base` or `--diff-base`, and the base file.
    pub diff: Option<(DiffMode, String)>,
    pub normalize: bool,
    pub drop_negative: bool,
    pub output: Option<String>,
    pub filters: Filters,
    pub redaction: Option<Redaction>,
    pub search: Option<regex_lite::Regex>,
}

/// The transform whose pprof flag `flag` is (`--show-from`, `--show_from`, `--focus`, …).
fn transform_flag(flag: &str) -> Option<TransformOp> {
    let name = flag.strip_prefix("--")?.replace('-', "_");
    TransformOp::ALL.into_iter().find(|op| op.name() == name)
}

pub fn parse_options(rest: &[String]) -> Result<Options, Failure> {
    let mut o = Options::default();
    let mut it = rest.iter();
    while let Some(flag) = it.next() {
        if !flag.starts_with('-') || flag == "-" {
            o.files.push(flag.clone());
            continue;
        }
        let mut value = || it.next().cloned().ok_or_else(|| Failure::Usage(format!("{flag} needs a value")));
        if let Some(op) = transform_flag(flag) {
            Transform::new(op, &value()?).set_on(&mut o.filters).map_err(Failure::Usage)?;
            continue;
        }
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

impl Options {
    /// The one file of a single-file command.
    pub fn one_file(&self) -> Result<&str, Failure> {
        match &self.files[..] {
            [file] => Ok(file),
            [] => Err(Failure::Usage("missing file".into())),
            _ => Err(Failure::Usage("this command takes one file".into())),
        }
    }

    /// The sample type asked for (`--sample-index`), else the profile's default.
    pub fn sample_index(&self, p: &proflens::Profile) -> Result<usize, Failure> {
        if p.sample_types.is_empty() {
            return Err(Failure::Input("the profile has no sample types".into()));
        }
        match &self.sample_index {
            None => Ok(p.default_sample_index()),
            Some(s) => p
                .sample_index(s)
                .ok_or_else(|| Failure::Usage(format!("no sample type {s:?} in the profile"))),
        }
    }
}

pub fn io_failure(e: io::Error) -> Failure {
    Failure::Input(format!("write failed: {e}"))
}
