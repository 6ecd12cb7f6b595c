//! Times as the commands read and write them: `--every 5m`, UTC stamps in file names,
//! and RFC 3339 times in reports.

use crate::Failure;
use std::time::{Duration, SystemTime};

/// `90s`, `5m`, `1h`, `500ms` or a number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, Failure> {
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

pub fn duration_text(d: Duration) -> String {
    let s = d.as_secs_f64();
    if s >= 60.0 && s % 60.0 == 0.0 {
        format!("{}m", s / 60.0)
    } else {
        format!("{s}s")
    }
}

/// `20261207T061530Z`: a UTC time for file names, which sort in time order.
pub fn utc_stamp(t: SystemTime) -> String {
    proflens::utc::stamp(t.duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64)
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
}
