//! `proflens report FILE|DIR... [--format text|md|json]`: the findings (see
//! `query::findings`) of the files of one program. A folder stands for its files, in
//! name order, which is time order for a folder `proflens watch` wrote.

use super::clock::rfc3339;
use crate::load::{expand_dirs, load_any};
use crate::Failure;
use proflens::decode::goroutines::dump_from_profile;
use proflens::decode::Decoded;
use proflens::model::goroutines::Dump;
use proflens::model::{Format, Profile};
use proflens::query::findings::{findings, DumpFile, Inputs, Snapshot};
use proflens::report::findings::{self as render, Context, FileInfo};

enum Loaded {
    Heap(Profile),
    Dump(Dump),
    /// Read, but not analysed yet (CPU, block, mutex, the heap's text form…).
    Other(Profile),
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut format = "text".to_string();
    let mut paths = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--format" => {
                format = it.next().cloned().ok_or_else(|| Failure::Usage("--format needs a value".into()))?
            }
            f if f.starts_with('-') => return Err(Failure::Usage(format!("unknown option {f:?}"))),
            _ => paths.push(a.clone()),
        }
    }
    if !matches!(format.as_str(), "text" | "md" | "json") {
        return Err(Failure::Usage(format!("unknown format {format:?} (text, md or json)")));
    }
    let files = expand_dirs("report", paths)?;
    if files.is_empty() {
        return Err(Failure::Usage("report needs files or folders".into()));
    }
    let mut loaded = Vec::with_capacity(files.len());
    for f in &files {
        loaded.push(classify(load_any(f, 0)?));
    }
    let infos: Vec<FileInfo> = files.iter().zip(&loaded).map(|(f, l)| info(f, l)).collect();
    let mut inputs = Inputs::default();
    for (file, l) in files.iter().zip(&loaded) {
        match l {
            Loaded::Heap(profile) => inputs.heaps.push(Snapshot { file, profile }),
            Loaded::Dump(dump) => inputs.dumps.push(DumpFile { file, dump }),
            Loaded::Other(profile) if profile.memstats.is_some() => {
                inputs.memstats.push(Snapshot { file, profile })
            }
            Loaded::Other(_) => {}
        }
    }
    let program = program(&loaded);
    let found = findings(&inputs);
    let cx = Context { program: &program, files: &infos };
    let out = match format.as_str() {
        "json" => render::json(&cx, &found) + "\n",
        "md" => render::markdown(&cx, &found),
        _ => render::text(&cx, &found),
    };
    print!("{out}");
    Ok(())
}

fn classify(d: Decoded) -> Loaded {
    match d {
        Decoded::Goroutines(d) => Loaded::Dump(d),
        Decoded::Profile(p) => {
            let inuse = p.sample_types.iter().any(|t| p.str(t.ty) == "inuse_space");
            if inuse && p.format == Format::Proto {
                return Loaded::Heap(p);
            }
            match dump_from_profile(&p) {
                Some(d) => Loaded::Dump(d),
                None => Loaded::Other(p),
            }
        }
    }
}

fn info(name: &str, l: &Loaded) -> FileInfo {
    let (kind, time) = match l {
        Loaded::Heap(p) => ("heap".to_string(), Some(p.time_nanos)),
        Loaded::Dump(d) => (d.form.label().to_string(), None),
        Loaded::Other(p) => {
            let types: Vec<&str> = p.sample_types.iter().map(|t| p.str(t.ty)).collect();
            let what = if p.memstats.is_some() { "runtime.MemStats read" } else { "not analysed yet" };
            (format!("{} ({}; {what})", p.format.name(), types.join(", ")), Some(p.time_nanos))
        }
    };
    FileInfo { name: name.to_string(), kind, time: time.filter(|&t| t > 0).map(rfc3339) }
}

/// The program's name: the main mapping's file of the first profile that has one.
fn program(loaded: &[Loaded]) -> String {
    loaded
        .iter()
        .filter_map(|l| match l {
            Loaded::Heap(p) | Loaded::Other(p) => p.mappings.first().map(|m| p.str(m.file).to_string()),
            Loaded::Dump(_) => None,
        })
        .find(|f| !f.is_empty())
        .map(|f| f.rsplit('/').next().unwrap_or(&f).to_string())
        .unwrap_or_else(|| "the program".into())
}
