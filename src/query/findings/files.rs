//! The files of a report: what each is (a heap snapshot, a goroutine dump, MemStats, a
//! contention or a CPU profile), when it was taken, and the engine's inputs they make.
//! The CLI and the page's session both read their files through here.

use super::{DumpFile, Inputs, Member, Snapshot};
use crate::model::goroutines::Dump;
use crate::model::{Format, Profile};
use crate::utc::{rfc3339, stamp_in_name};
use serde::Serialize;
use ts_rs::TS;

/// A file of the report: its name and what it holds.
pub struct Source<'a> {
    pub name: &'a str,
    pub member: Member<'a>,
}

/// A file the report read: its name, what it is, and its time when it has one.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct FileInfo {
    pub name: String,
    pub kind: String,
    /// RFC 3339, UTC.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub time: Option<String>,
    /// `before` or `after`, in before/after mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub set: Option<String>,
}

/// What a profile is to the findings.
enum What<'a> {
    Heap(&'a Profile),
    Dump(&'a Dump),
    MemStats(&'a Profile),
    Contention(&'a Profile),
    Cpu(&'a Profile),
    Other(&'a Profile),
}

fn what<'a>(s: &Source<'a>) -> What<'a> {
    match s.member {
        Member::Dump(d) => What::Dump(d),
        Member::Profile(p) if has_type(p, "inuse_space") && p.format == Format::Proto => What::Heap(p),
        Member::Profile(p) if p.memstats.is_some() => What::MemStats(p),
        Member::Profile(p) if has_type(p, "contentions") && has_type(p, "delay") => What::Contention(p),
        Member::Profile(p) if has_type(p, "cpu") => What::Cpu(p),
        Member::Profile(p) => What::Other(p),
    }
}

fn has_type(p: &Profile, ty: &str) -> bool {
    p.sample_types.iter().any(|t| p.str(t.ty) == ty)
}

impl Source<'_> {
    /// The profile's own time, else the time `proflens watch` put in the file's name.
    pub fn time(&self) -> Option<i64> {
        let own = match self.member {
            Member::Profile(p) => Some(p.time_nanos).filter(|&t| t > 0),
            Member::Dump(_) => None,
        };
        own.or_else(|| stamp_in_name(self.name))
    }

    pub fn info(&self, set: Option<&str>) -> FileInfo {
        let kind = match what(self) {
            What::Heap(_) => "heap".to_string(),
            What::Dump(d) => d.form.label().to_string(),
            What::MemStats(p) => described(p, "runtime.MemStats read"),
            What::Contention(p) => described(p, "contention"),
            What::Cpu(p) => described(p, "CPU"),
            What::Other(p) => described(p, "not analysed"),
        };
        FileInfo {
            name: self.name.to_string(),
            kind,
            time: self.time().map(rfc3339),
            set: set.map(str::to_string),
        }
    }
}

fn described(p: &Profile, what: &str) -> String {
    let types: Vec<&str> = p.sample_types.iter().map(|t| p.str(t.ty)).collect();
    format!("{} ({}; {what})", p.format.name(), types.join(", "))
}

/// The engine's inputs of `files`, in their order.
pub fn inputs<'a>(files: &[&Source<'a>]) -> Inputs<'a> {
    let mut inputs = Inputs::default();
    for f in files {
        let file = f.name;
        match what(f) {
            What::Heap(profile) => inputs.heaps.push(Snapshot { file, profile }),
            What::Dump(dump) => inputs.dumps.push(DumpFile { file, dump }),
            What::MemStats(profile) => inputs.memstats.push(Snapshot { file, profile }),
            What::Contention(profile) => inputs.contention.push(Snapshot { file, profile }),
            What::Cpu(profile) => inputs.cpu.push(Snapshot { file, profile }),
            What::Other(_) => {}
        }
    }
    inputs
}
