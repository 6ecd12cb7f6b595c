//! `proflens watch URL [--every 5m] [--count N] [--out DIR] [--profiles LIST]
//! [--cpu 30s] [--open [--port N] [--no-browser] [--site DIR]]`: takes the snapshots of a live
//! Go service for the user, as the field reports do by hand with `curl` and
//! `sleep`, and prints one line of the trend after each round.
//!
//! Every file is written under a temporary name and renamed once complete, and no
//! file is ever overwritten or deleted: a snapshot taken is a snapshot kept, whatever
//! happens to the service or to this process.

use super::clock::{duration_text, parse_duration, utc_stamp};
use super::keep::write_new;
use super::open::{self, OpenOptions};
use super::snapshot::{Endpoint, Taken};
use super::{plural, stop};
use crate::http::client::{self, Base};
use crate::Failure;
use proflens::decode::{decode_any_owned, DecodeOptions};
use std::path::PathBuf;
use std::time::{Duration, Instant, SystemTime};

struct Options {
    base: Base,
    every: Duration,
    count: Option<u64>,
    out: PathBuf,
    endpoints: Vec<Endpoint>,
    open: Option<OpenOptions>,
}

pub fn run(args: &[String]) -> Result<(), Failure> {
    let mut o = parse(args)?;
    std::fs::create_dir_all(&o.out).map_err(|e| Failure::Input(format!("{}: {e}", o.out.display())))?;
    stop::install();
    let serving = o.open.is_some();
    if let Some(open_opts) = o.open.take() {
        let dir = o.out.clone();
        std::thread::spawn(move || {
            if let Err(Failure::Input(e) | Failure::Usage(e)) = open::serve(vec![dir], &open_opts, true) {
                eprintln!("proflens watch: the page cannot be served: {e}");
            }
        });
    }
    println!(
        "proflens watch: {} every {} into {}{}",
        o.base.url("/debug/pprof/"),
        duration_text(o.every),
        o.out.display(),
        o.count.map_or(String::new(), |n| format!(", {n} round{}", plural(n)))
    );
    let mut taken = Taken::default();
    let mut rounds = 0u64;
    let mut backoff = Duration::from_secs(1);
    while o.count.is_none_or(|n| rounds < n) && !stop::requested() {
        let started = Instant::now();
        match round(&o, &mut taken) {
            Ok(()) => {
                rounds += 1;
                backoff = Duration::from_secs(1);
                println!("round {rounds}: {}", taken.trend_line());
                if o.count.is_none_or(|n| rounds < n) {
                    stop::sleep(o.every.saturating_sub(started.elapsed()));
                }
            }
            Err(RoundError::NotAProfile(msg)) if taken.files == 0 => {
                return Err(Failure::Input(format!(
                    "{msg}\nIs {} the base URL of a Go service that serves net/http/pprof? Nothing was written.",
                    o.base.url("")
                )));
            }
            Err(RoundError::NotAProfile(msg) | RoundError::Unreachable(msg)) => {
                eprintln!(
                    "proflens watch: {msg}; trying again in {} ({} file{} kept in {})",
                    duration_text(backoff),
                    taken.files,
                    plural(taken.files),
                    o.out.display()
                );
                stop::sleep(backoff);
                backoff = (backoff * 2).min(o.every.max(Duration::from_secs(1)));
            }
        }
    }
    println!(
        "proflens watch: {rounds} round{} ({} file{}) in {}. Next: {}",
        plural(rounds),
        taken.files,
        plural(taken.files),
        o.out.display(),
        taken.next_commands(&o.out)
    );
    if serving && !stop::requested() {
        println!("proflens watch: the page is still served (Ctrl+C to stop)");
        stop::sleep(Duration::MAX);
    }
    Ok(())
}

enum RoundError {
    /// The service answered, but not with the profile asked for.
    NotAProfile(String),
    /// No answer: the service is down, or the network is.
    Unreachable(String),
}

/// Takes one snapshot of every endpoint, writing each as soon as it is checked.
fn round(o: &Options, taken: &mut Taken) -> Result<(), RoundError> {
    let stamp = utc_stamp(SystemTime::now());
    for e in &o.endpoints {
        let path = e.path();
        let url = o.base.url(&path);
        let r = client::get(&o.base, &path, e.timeout()).map_err(RoundError::Unreachable)?;
        if r.status != 200 {
            let moved = r.location.map_or(String::new(), |l| format!(" to {l} (not followed)"));
            return Err(RoundError::NotAProfile(format!(
                "{url} answered {} {}{moved}{}",
                r.status,
                r.reason,
                content_type_note(&r.content_type)
            )));
        }
        let decoded = e
            .check(&r.body)
            .and_then(|()| {
                decode_any_owned(r.body.clone(), DecodeOptions::default())
                    .map_err(|err| format!("not a profile: {err}"))
            })
            .and_then(|d| e.accept(d))
            .map_err(|msg| {
                RoundError::NotAProfile(format!("{url}: {msg}{}", content_type_note(&r.content_type)))
            })?;
        write_new(&o.out, &e.file_name(&stamp), &r.body).map_err(|err| {
            RoundError::Unreachable(format!("cannot write into {}: {err}", o.out.display()))
        })?;
        taken.add(e, decoded);
    }
    Ok(())
}

fn content_type_note(ct: &str) -> String {
    if ct.is_empty() {
        String::new()
    } else {
        format!(" ({ct})")
    }
}

fn parse(args: &[String]) -> Result<Options, Failure> {
    let mut url = None;
    let (mut every, mut count, mut out, mut cpu) = (Duration::from_secs(300), None, None, None);
    let mut kinds = vec!["heap".to_string(), "goroutine".to_string()];
    let mut open = false;
    let (mut port, mut browser, mut site) = (0u16, true, None);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or_else(|| Failure::Usage(format!("{a} needs a value")));
        match a.as_str() {
            "--every" => every = parse_duration(&value()?)?,
            "--count" => {
                let v = value()?;
                count = Some(
                    v.parse()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| Failure::Usage(format!("bad --count {v:?}")))?,
                );
            }
            "--out" => out = Some(PathBuf::from(value()?)),
            "--profiles" => kinds = value()?.split(',').map(|s| s.trim().to_string()).collect(),
            "--cpu" => cpu = Some(parse_duration(&value()?)?),
            "--open" => open = true,
            "--port" => {
                let v = value()?;
                port = v.parse().map_err(|_| Failure::Usage(format!("bad --port {v:?}")))?;
            }
            "--no-browser" => browser = false,
            "--site" => site = Some(value()?),
            f if f.starts_with('-') => return Err(Failure::Usage(format!("unknown option {f:?}"))),
            _ if url.is_none() => url = Some(a.clone()),
            _ => return Err(Failure::Usage("watch takes one URL".into())),
        }
    }
    let url = url.ok_or_else(|| Failure::Usage("watch needs the service's base URL".into()))?;
    let base = Base::parse(&url).map_err(Failure::Usage)?;
    let mut endpoints = Endpoint::from_kinds(&kinds).map_err(Failure::Usage)?;
    if let Some(d) = cpu {
        endpoints.push(Endpoint::Cpu(d));
    }
    let out =
        out.unwrap_or_else(|| PathBuf::from(format!("proflens-watch-{}", utc_stamp(SystemTime::now()))));
    let open = open.then_some(OpenOptions { port, browser, site });
    Ok(Options { base, every, count, out, endpoints, open })
}
