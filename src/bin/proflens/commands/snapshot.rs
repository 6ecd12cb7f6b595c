//! What `watch` takes from a Go service each round, and what it has taken so far.

use super::plural;
use proflens::decode::Decoded;
use proflens::query::trend::trend;
use proflens::query::{Granularity, StackView};
use proflens::units::scaled_label;
use proflens::Profile;
use std::path::Path;
use std::time::Duration;

/// One of a service's `/debug/pprof/` answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `heap`, as profile.proto: the trend's snapshots.
    Heap,
    /// `heap?debug=1`: the same heap as text, with `runtime.MemStats`.
    HeapText,
    /// `goroutine?debug=2`: every goroutine with its wait.
    Goroutines,
    /// `allocs`, `block`, `mutex` or `threadcreate`, as profile.proto.
    Proto(&'static str),
    /// `profile?seconds=N`: CPU over N seconds.
    Cpu(Duration),
}

const PROTO_KINDS: [&str; 4] = ["allocs", "block", "mutex", "threadcreate"];

impl Endpoint {
    /// `heap` takes both heap forms and `goroutine` the debug=2 dump.
    pub fn from_kinds(kinds: &[String]) -> Result<Vec<Endpoint>, String> {
        let mut out = Vec::new();
        for k in kinds {
            match k.as_str() {
                "heap" => out.extend([Endpoint::Heap, Endpoint::HeapText]),
                "goroutine" => out.push(Endpoint::Goroutines),
                "cpu" | "profile" => return Err("take CPU profiles with --cpu 30s".into()),
                other => match PROTO_KINDS.iter().find(|&&p| p == other) {
                    Some(p) => out.push(Endpoint::Proto(p)),
                    None => {
                        return Err(format!(
                            "unknown profile {other:?} (heap, goroutine, allocs, block, mutex, threadcreate)"
                        ))
                    }
                },
            }
        }
        Ok(out)
    }

    pub fn path(self) -> String {
        match self {
            Endpoint::Heap => "/debug/pprof/heap".into(),
            Endpoint::HeapText => "/debug/pprof/heap?debug=1".into(),
            Endpoint::Goroutines => "/debug/pprof/goroutine?debug=2".into(),
            Endpoint::Proto(kind) => format!("/debug/pprof/{kind}"),
            Endpoint::Cpu(d) => format!("/debug/pprof/profile?seconds={}", d.as_secs().max(1)),
        }
    }

    /// How long to wait for the answer: a CPU profile takes its seconds first.
    pub fn timeout(self) -> Duration {
        let wait = if let Endpoint::Cpu(d) = self { d } else { Duration::ZERO };
        wait + Duration::from_secs(30)
    }

    /// `heap_20261207T061530Z.pb.gz`: the kind, then the UTC time, so names sort by both.
    pub fn file_name(self, stamp: &str) -> String {
        match self {
            Endpoint::Heap => format!("heap_{stamp}.pb.gz"),
            Endpoint::HeapText => format!("heap_{stamp}.debug1.txt"),
            Endpoint::Goroutines => format!("goroutine_{stamp}.debug2.txt"),
            Endpoint::Proto(kind) => format!("{kind}_{stamp}.pb.gz"),
            Endpoint::Cpu(_) => format!("cpu_{stamp}.pb.gz"),
        }
    }

    fn wants_proto(self) -> bool {
        !matches!(self, Endpoint::HeapText | Endpoint::Goroutines)
    }

    /// The answer is the form asked for: Go gzips every profile.proto it serves, and
    /// never its text forms (a `debug=1` page where proto was asked is refused here).
    pub fn check(self, body: &[u8]) -> Result<(), String> {
        let gzip = body.starts_with(&[0x1f, 0x8b]);
        match (self.wants_proto(), gzip) {
            (true, false) if body.is_empty() => Err("the answer is empty".into()),
            (true, false) => {
                Err(format!("a gzip'd profile.proto was asked for, and the answer is {}", what(body)))
            }
            (false, true) => Err("the text form was asked for, and the answer is gzip'd".into()),
            _ => Ok(()),
        }
    }

    /// The decoded answer is of the kind asked for.
    pub fn accept(self, d: Decoded) -> Result<Decoded, String> {
        match (self, &d) {
            (Endpoint::Goroutines, Decoded::Goroutines(_)) => Ok(d),
            (Endpoint::Goroutines, Decoded::Profile(_)) => {
                Err("a goroutine dump was asked for, and the answer is another profile".into())
            }
            (_, Decoded::Profile(_)) => Ok(d),
            (_, Decoded::Goroutines(_)) => {
                Err("a profile was asked for, and the answer is a goroutine dump".into())
            }
        }
    }
}

/// A few words on what a body is, for messages: `HTML`, `text` or `binary data`.
fn what(body: &[u8]) -> &'static str {
    let head = String::from_utf8_lossy(&body[..body.len().min(512)]).to_ascii_lowercase();
    if head.contains("<html") || head.contains("<!doctype") {
        "HTML"
    } else if std::str::from_utf8(&body[..body.len().min(512)]).is_ok() {
        "text"
    } else {
        "binary data"
    }
}

/// The snapshots taken so far, for the line printed after each round.
#[derive(Default)]
pub struct Taken {
    pub files: u64,
    heaps: Vec<Profile>,
    goroutines: Vec<u64>,
}

impl Taken {
    pub fn add(&mut self, e: &Endpoint, d: Decoded) {
        self.files += 1;
        match (e, d) {
            (Endpoint::Heap, Decoded::Profile(p)) => self.heaps.push(p),
            (Endpoint::Goroutines, Decoded::Goroutines(dump)) => self.goroutines.push(dump.total()),
            _ => {}
        }
    }

    /// `heap 12.3MB in use; top suspect main.newItem +5.6MB in 10m (score 87); 1503 goroutines (+500)`.
    pub fn trend_line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(last) = self.heaps.last() {
            parts.push(self.heap_part(last));
        }
        if let (Some(&first), Some(&last)) = (self.goroutines.first(), self.goroutines.last()) {
            let change = if self.goroutines.len() > 1 {
                format!(" ({:+})", last as i64 - first as i64)
            } else {
                String::new()
            };
            parts.push(format!("{last} goroutine{}{change}", plural(last)));
        }
        parts.join("; ")
    }

    fn heap_part(&self, last: &Profile) -> String {
        let Some(index) = last.sample_index("inuse_space") else { return "heap taken".into() };
        let unit = last.str(last.sample_types[index].unit).to_string();
        let inuse = scaled_label(proflens::query::values::total(last, index), &unit, "auto");
        if self.heaps.len() < 2 {
            return format!("heap {inuse} in use (a trend needs two rounds)");
        }
        let views: Vec<StackView> =
            self.heaps.iter().map(|p| StackView::new(p, Granularity::Functions)).collect();
        let pairs: Vec<_> = self.heaps.iter().zip(&views).collect();
        let suspect = trend(&pairs, "inuse_space").ok().and_then(|t| {
            let span = scaled_label(t.times_ns[t.times_ns.len() - 1] - t.times_ns[0], "nanoseconds", "auto");
            t.rows.into_iter().next().filter(|r| r.measures.delta > 0.0).map(|r| {
                let grew = scaled_label(r.measures.delta as i64, &unit, "auto");
                format!("top suspect {} +{grew} in {span} (leak score {:.0})", r.name, r.score)
            })
        });
        format!("heap {inuse} in use; {}", suspect.unwrap_or_else(|| "nothing grew".into()))
    }

    /// The commands that read what was taken: the findings first.
    pub fn next_commands(&self, dir: &Path) -> String {
        let d = dir.display();
        let mut next = vec![format!("proflens report {d}")];
        if self.heaps.len() > 1 {
            next.push(format!("proflens trend {d}"));
        }
        if !self.goroutines.is_empty() {
            next.push(format!("proflens goroutines {d}"));
        }
        next.join("   ")
    }
}
