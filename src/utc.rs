//! UTC times as text: RFC 3339 for a profile's `time_nanos`, and the compact stamp
//! `proflens watch` puts in file names (`20261207T061530Z`), both ways.

/// `2026-12-07T06:15:30Z`, for a profile's `time_nanos`.
pub fn rfc3339(nanos: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(nanos.div_euclid(1_000_000_000));
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// `20261207T061530Z`: a UTC time for file names, which sort in time order.
pub fn stamp(secs: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(secs);
    format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")
}

/// The time of a [`stamp`] in a file name (`heap_20261207T061530Z.pb.gz`), in
/// nanoseconds since 1970: the time of a file that has none of its own (a goroutine dump).
pub fn stamp_in_name(name: &str) -> Option<i64> {
    let base = name.rsplit('/').next().unwrap_or(name).as_bytes();
    let at = base.windows(16).position(|w| {
        w[8] == b'T' && w[15] == b'Z' && w[..8].iter().chain(&w[9..15]).all(u8::is_ascii_digit)
    })?;
    let n =
        |a: usize, b: usize| -> Option<i64> { std::str::from_utf8(&base[at + a..at + b]).ok()?.parse().ok() };
    let (y, mo, d) = (n(0, 4)?, n(4, 6)?, n(6, 8)?);
    let (h, mi, s) = (n(9, 11)?, n(11, 13)?, n(13, 15)?);
    Some((days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s) * 1_000_000_000)
}

/// Seconds since 1970 as a UTC date and time (Howard Hinnant's days-to-civil algorithm).
fn civil(secs: i64) -> (i64, i64, i64, i64, i64, i64) {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, rem / 3600, rem / 60 % 60, rem % 60)
}

/// The inverse of `civil`'s date part (Howard Hinnant's days-from-civil algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_both_ways() {
        assert_eq!(stamp(1_796_621_730), "20261207T053530Z"); // date -u -d @1796621730
        assert_eq!(stamp(951_782_400), "20000229T000000Z");
        assert_eq!(rfc3339(1_796_621_730_500_000_000), "2026-12-07T05:35:30Z");
        assert_eq!(stamp_in_name("dir/heap_20261207T053530Z.pb.gz"), Some(1_796_621_730_000_000_000));
        assert_eq!(stamp_in_name("goroutine_20000229T000000Z-2.debug2.txt"), Some(951_782_400_000_000_000));
        assert_eq!(stamp_in_name("heap.pb.gz"), None);
    }
}
