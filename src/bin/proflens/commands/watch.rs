//! `proflens watch URL [--every 5m] [--count N] [--out DIR] [--profiles LIST]
//! [--cpu 30s] [--open [--port N] [--no-browser] [--site DIR]]`: takes the snapshots of a live
//! Go service for the user, as the field reports do by hand with `curl` and
//! `sleep`, and prints one line of the trend after each round.
//!
//! Every file is written under a temporary name and renamed once complete, and no
//! file is ever overwritten or deleted: a snapshot taken is a snapshot kept, whatever
//! happens to the service or to this process.

use super::open::{self, OpenOptions};
use super::snapshot::{Endpoint, Taken};
use crate::http::client::{self, Base};
use crate::Failure;
use proflens::decode::{decode_any_owned, DecodeOptions};
use std::path::{Path, PathBuf};
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

/// Writes `bytes` as DIR/NAME, or NAME with `-1`, `-2`… before its extension if that
/// exists: first under a hidden temporary name, then renamed, so a reader never sees
/// a partial file.
fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let (stem, ext) = name.split_once('.').unwrap_or((name, ""));
    for n in 0u32.. {
        let candidate = match n {
            0 => name.to_string(),
            _ => format!("{stem}-{n}.{ext}"),
        };
        let path = dir.join(&candidate);
        if path.exists() {
            continue;
        }
        let part = dir.join(format!(".{candidate}.part"));
        std::fs::write(&part, bytes)?;
        // a link fails where the name was taken meanwhile, where a rename would replace it
        match std::fs::hard_link(&part, &path) {
            Ok(()) => {
                std::fs::remove_file(&part)?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => std::fs::remove_file(&part)?,
            Err(_) => {
                std::fs::rename(&part, &path)?;
                return Ok(path);
            }
        }
    }
    unreachable!("some name is free")
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

/// `90s`, `5m`, `1h`, `500ms` or a number of seconds.
fn parse_duration(s: &str) -> Result<Duration, Failure> {
    let bad = || Failure::Usage(format!("bad duration {s:?} (say 30s, 5m or 1h)"));
    let split = s.find(|c: char| !c.is_ascii_digit() && c != '.').unwrap_or(s.len());
    let n: f64 = s[..split].parse().map_err(|_| bad())?;
    let secs = match &s[split..] {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(bad()),
    };
    if !(secs > 0.0 && secs < 1e9) {
        return Err(bad());
    }
    Ok(Duration::from_secs_f64(secs))
}

fn duration_text(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 60.0 && s % 60.0 == 0.0 {
        format!("{}m", s / 60.0)
    } else {
        format!("{s}s")
    }
}

pub fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `20261207T061530Z`: a UTC time for file names, which sort in time order.
fn utc_stamp(t: SystemTime) -> String {
    let secs = t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // days since 1970-01-01 to a civil date (Howard Hinnant's algorithm)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}{month:02}{day:02}T{:02}{:02}{:02}Z", rem / 3600, rem / 60 % 60, rem % 60)
}

/// Ctrl-C asks the watch to stop after what it is doing, so the summary is printed.
mod stop {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::{Duration, Instant};

    static STOP: AtomicBool = AtomicBool::new(false);

    pub fn requested() -> bool {
        STOP.load(Ordering::Relaxed)
    }

    /// Sleeps for `d`, or less when a stop is requested.
    /// Sleeps for `d` (for ever when `d` is too long to add to now), or less when a stop
    /// is requested.
    pub fn sleep(d: Duration) {
        let end = Instant::now().checked_add(d);
        while !requested() {
            let left = end.map_or(Duration::MAX, |e| e.saturating_duration_since(Instant::now()));
            if left.is_zero() {
                break;
            }
            std::thread::sleep(left.min(Duration::from_millis(100)));
        }
    }

    #[cfg(unix)]
    pub fn install() {
        extern "C" fn on_signal(_: libc::c_int) {
            STOP.store(true, Ordering::Relaxed); // an atomic store is async-signal-safe
        }
        let handler: extern "C" fn(libc::c_int) = on_signal;
        // SAFETY: the handler only stores to an atomic.
        unsafe {
            libc::signal(libc::SIGINT, handler as libc::sighandler_t);
            libc::signal(libc::SIGTERM, handler as libc::sighandler_t);
        }
    }

    /// Elsewhere Ctrl-C ends the process at once; every file written is complete anyway.
    #[cfg(not(unix))]
    pub fn install() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc() {
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_796_621_730); // date -u -d @1796621730
        assert_eq!(utc_stamp(t), "20261207T053530Z");
        assert_eq!(utc_stamp(SystemTime::UNIX_EPOCH + Duration::from_secs(951_782_400)), "20000229T000000Z");
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("5m").ok(), Some(Duration::from_secs(300)));
        assert_eq!(parse_duration("1s").ok(), Some(Duration::from_secs(1)));
        assert_eq!(parse_duration("250ms").ok(), Some(Duration::from_millis(250)));
        assert_eq!(parse_duration("2").ok(), Some(Duration::from_secs(2)));
        assert!(
            parse_duration("0s").is_err() && parse_duration("5 min").is_err() && parse_duration("").is_err()
        );
    }

    #[test]
    fn a_name_is_never_reused() {
        let dir = std::env::temp_dir().join(format!("proflens-write-new-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = write_new(&dir, "heap_x.pb.gz", b"one").unwrap();
        let b = write_new(&dir, "heap_x.pb.gz", b"two").unwrap();
        assert_eq!(b.file_name().unwrap(), "heap_x-1.pb.gz");
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary file is left: {names:?}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
