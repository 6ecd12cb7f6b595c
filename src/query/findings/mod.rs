//! Findings: one ranked answer to "what is leaking, and why", joined across the files of
//! one program (heap snapshots and goroutine dumps so far), and joined where a heap site
//! and a goroutine group share the program's functions. Each finding carries its
//! numbers, the file each comes from and the `go tool pprof` (or `grep`) command that
//! prints it again, the code path, and a score. Every threshold and score is defined in
//! the README ("Findings"); the numbers are the engine's existing exact results (the
//! trend, the goroutine groups), never estimates of their own.

mod before_after;
mod contention;
mod files;
mod goroutines;
mod heap;
mod hotspots;
mod joins;
mod memstats;
mod own_code;
mod profiles;
mod program;
mod redact;
mod report;
mod starved;

pub use before_after::{compare, split_by_gap, State, Status};
pub use files::{inputs, FileInfo, Source};
pub use program::{one_program, Member, Program, Programs};
pub use redact::redacted;
pub use report::{report, Report};

pub use own_code::is_own;

use crate::model::goroutines::Dump;
use crate::model::Profile;
use serde::Serialize;
use ts_rs::TS;

/// A heap snapshot and the name its file was given by.
pub struct Snapshot<'a> {
    pub file: &'a str,
    pub profile: &'a Profile,
}

/// A goroutine dump and the name its file was given by.
pub struct DumpFile<'a> {
    pub file: &'a str,
    pub dump: &'a Dump,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An allocation site whose in-use memory grew over the snapshots.
    HeapGrowth,
    /// A goroutine group that grew over the dumps.
    GoroutineGrowth,
    /// A goroutine group that has waited for minutes.
    GoroutineWait,
    /// Goroutines the runtime itself reports as leaked.
    GoroutineLeak,
    /// A heap finding and a goroutine finding that share functions of the program.
    Join,
    /// `runtime.MemStats`: the Go heap grew, or the heap profile misses much of it.
    RuntimeMemory,
    /// Many goroutines wait for a pool or a lock under one function of the program.
    Starved,
    /// A function of the program waits long (block profile) or holds a lock others wait
    /// for (mutex profile).
    Contention,
    /// A function of the program the CPU profile spends much in.
    HotSpot,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    /// High from a score of 20, medium from 5 (see the README).
    pub fn of(score: f64) -> Severity {
        if score >= 20.0 {
            Severity::High
        } else if score >= 5.0 {
            Severity::Medium
        } else {
            Severity::Low
        }
    }
}

/// A frame of a finding's code path, from the entry point down.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PathFrame {
    pub function: String,
    pub file: String,
    pub line: i64,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    #[ts(as = "Option<bool>", optional)]
    pub inline: bool,
}

/// One number of a finding: the file it comes from, and the command that prints it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Evidence {
    pub file: String,
    pub value: i64,
    pub unit: String,
    pub command: String,
    /// The row of the command's output that prints the value, when it is not the
    /// finding's first function.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub function: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Finding {
    pub kind: Kind,
    pub severity: Severity,
    pub score: f64,
    /// `certain` when the runtime says so itself, else `likely`.
    pub certainty: String,
    pub title: String,
    /// The program's functions the finding is about, the most specific first.
    pub functions: Vec<String>,
    pub path: Vec<PathFrame>,
    pub evidence: Vec<Evidence>,
    pub links: Vec<String>,
    /// Before/after mode: what became of the finding after the fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub status: Option<Status>,
}

/// The findings, highest score first, and what more to take when the files cannot show
/// growth.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Findings {
    pub findings: Vec<Finding>,
    pub advice: Vec<String>,
}

/// What a report reads, by kind.
#[derive(Default)]
pub struct Inputs<'a> {
    /// Heap profile.proto snapshots, in any order (they are ordered by their time).
    pub heaps: Vec<Snapshot<'a>>,
    /// Goroutine dumps, oldest first.
    pub dumps: Vec<DumpFile<'a>>,
    /// Profiles with `runtime.MemStats` (the heap's `?debug=1` text), oldest first.
    pub memstats: Vec<Snapshot<'a>>,
    /// Block and mutex profiles, in any order (they are ordered by their time).
    pub contention: Vec<Snapshot<'a>>,
    /// CPU profiles, oldest first (the last is read).
    pub cpu: Vec<Snapshot<'a>>,
}

/// The findings of `inputs`.
pub fn findings(inputs: &Inputs) -> Findings {
    let (heaps, dumps) = (&inputs.heaps[..], &inputs.dumps[..]);
    let mut all = heap::growth(heaps);
    all.extend(goroutines::findings(dumps));
    all.extend(memstats::findings(&inputs.memstats));
    let last_dump = dumps.last();
    all.extend(starved::findings(last_dump, &inputs.contention));
    let dump = last_dump.map(|d| (d.file, d.dump));
    all.extend(contention::findings(&inputs.contention, dump, inputs.cpu.last()));
    all.extend(hotspots::findings(inputs.cpu.last()));
    let joined = joins::joins(&all);
    all.extend(joined);
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.title.cmp(&b.title)));
    let mut advice = Vec::new();
    if heaps.len() == 1 {
        advice.push(
            "One heap snapshot shows what is in use, not what grows: take two more a few minutes apart, \
             e.g. `curl -o heap_t1.pb.gz http://HOST:PORT/debug/pprof/heap` (or run `proflens watch http://HOST:PORT`)."
                .into(),
        );
    }
    if dumps.len() == 1 {
        advice.push(
            "One goroutine dump shows where goroutines wait, not which groups grow: take another later, \
             e.g. `curl -o goroutine_t1.txt 'http://HOST:PORT/debug/pprof/goroutine?debug=2'`."
                .into(),
        );
    }
    Findings { findings: all, advice }
}

/// `s` quoted for a POSIX shell, when it needs it.
pub(crate) fn shell_word(s: &str) -> String {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:+,@%".contains(&b)) {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}
