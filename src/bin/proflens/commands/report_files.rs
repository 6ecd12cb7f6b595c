//! The files of `proflens report`: what each is, when it was taken, and the engine's
//! inputs they make.

use super::clock::{rfc3339, stamp_in_name};
use proflens::decode::goroutines::dump_from_profile;
use proflens::decode::Decoded;
use proflens::model::goroutines::Dump;
use proflens::model::{Format, Profile};
use proflens::query::findings::{DumpFile, Inputs, Member, Snapshot};
use proflens::report::findings::FileInfo;

pub enum Loaded {
    Heap(Profile),
    Dump(Dump),
    /// CPU, block, mutex, the heap's text form (MemStats)…
    Other(Profile),
}

pub struct File {
    pub name: String,
    pub loaded: Loaded,
}

impl File {
    pub fn new(name: String, d: Decoded) -> File {
        let loaded = match d {
            Decoded::Goroutines(d) => Loaded::Dump(d),
            Decoded::Profile(p) => {
                if has_type(&p, "inuse_space") && p.format == Format::Proto {
                    Loaded::Heap(p)
                } else {
                    match dump_from_profile(&p) {
                        Some(d) => Loaded::Dump(d),
                        None => Loaded::Other(p),
                    }
                }
            }
        };
        File { name, loaded }
    }

    /// The profile's own time, else the time `proflens watch` put in the file's name.
    pub fn time(&self) -> Option<i64> {
        let own = match &self.loaded {
            Loaded::Heap(p) | Loaded::Other(p) => Some(p.time_nanos).filter(|&t| t > 0),
            Loaded::Dump(_) => None,
        };
        own.or_else(|| stamp_in_name(&self.name))
    }

    pub fn member(&self) -> Member<'_> {
        match &self.loaded {
            Loaded::Heap(p) | Loaded::Other(p) => Member::Profile(p),
            Loaded::Dump(d) => Member::Dump(d),
        }
    }

    pub fn info(&self, set: Option<&'static str>) -> FileInfo {
        let kind = match &self.loaded {
            Loaded::Heap(_) => "heap".to_string(),
            Loaded::Dump(d) => format!("goroutine dump ({})", d.form.name()),
            Loaded::Other(p) => {
                let types: Vec<&str> = p.sample_types.iter().map(|t| p.str(t.ty)).collect();
                let what = if p.memstats.is_some() {
                    "runtime.MemStats read"
                } else if is_contention(p) {
                    "contention"
                } else if has_type(p, "cpu") {
                    "CPU"
                } else {
                    "not analysed"
                };
                format!("{} ({}; {what})", p.format.name(), types.join(", "))
            }
        };
        FileInfo { name: self.name.clone(), kind, time: self.time().map(rfc3339), set }
    }
}

fn has_type(p: &Profile, ty: &str) -> bool {
    p.sample_types.iter().any(|t| p.str(t.ty) == ty)
}

fn is_contention(p: &Profile) -> bool {
    has_type(p, "contentions") && has_type(p, "delay")
}

/// The engine's inputs of `files`, in their order.
pub fn inputs<'a>(files: &[&'a File]) -> Inputs<'a> {
    let mut inputs = Inputs::default();
    for f in files {
        let file = f.name.as_str();
        match &f.loaded {
            Loaded::Heap(profile) => inputs.heaps.push(Snapshot { file, profile }),
            Loaded::Dump(dump) => inputs.dumps.push(DumpFile { file, dump }),
            Loaded::Other(profile) if profile.memstats.is_some() => {
                inputs.memstats.push(Snapshot { file, profile })
            }
            Loaded::Other(profile) if is_contention(profile) => {
                inputs.contention.push(Snapshot { file, profile })
            }
            Loaded::Other(profile) if has_type(profile, "cpu") => inputs.cpu.push(Snapshot { file, profile }),
            Loaded::Other(_) => {}
        }
    }
    inputs
}
