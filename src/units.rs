//! Scaling and formatting of values the way pprof's `measurement` package does it:
//! bytes in B/kB/MB (powers of 1024), times in ns/us/ms/s/mins/..., counts unscaled.

/// Scales `value` from `from_unit` to `to_unit` ("minimum"/"auto" pick the best unit) and
/// returns the scaled number and its unit label, as pprof's `measurement.Scale`.
pub fn scale(value: i64, from_unit: &str, to_unit: &str) -> (f64, String) {
    if value < 0 && value != i64::MIN {
        let (v, u) = scale(-value, from_unit, to_unit);
        return (-v, u);
    }
    if let Some(r) = memory(value, from_unit, to_unit) {
        return r;
    }
    if let Some(r) = time(value, from_unit, to_unit) {
        return r;
    }
    match to_unit {
        "count" | "sample" | "unit" | "minimum" | "auto" => (value as f64, String::new()),
        _ => (value as f64, to_unit.to_string()),
    }
}

/// A scaled value with at most two decimals and its unit, e.g. `122.46MB`, `0`, `3.70s`.
pub fn scaled_label(value: i64, from_unit: &str, to_unit: &str) -> String {
    let (v, u) = scale(value, from_unit, to_unit);
    let s = format!("{v:.2}");
    let s = s.strip_suffix(".00").unwrap_or(&s);
    if s == "0" || s == "-0" {
        return "0".to_string();
    }
    format!("{s}{u}")
}

/// The unit pprof's `-top` uses for a whole table: chosen from the smallest non-zero row
/// value and the total (pprof's `selectOutputUnit`).
pub fn output_unit(min_value: i64, total: i64, sample_unit: &str) -> String {
    let min_value = if min_value == 0 { total } else { min_value };
    let (_, min_unit) = scale(min_value, sample_unit, "minimum");
    let (_, max_unit) = scale(total, sample_unit, "minimum");
    let mut unit = min_unit.clone();
    if min_unit != max_unit && min_value.saturating_mul(100) < total {
        unit = scale(min_value.saturating_mul(100), sample_unit, "minimum").1;
    }
    if unit.is_empty() {
        sample_unit.to_string()
    } else {
        unit
    }
}

/// A percentage as pprof prints it: `  100%`, `94.23%`, `0.096%`.
pub fn percentage(value: i64, total: i64) -> String {
    let ratio = if total != 0 { (value as f64 / total as f64).abs() * 100.0 } else { 0.0 };
    if (99.95..=100.05).contains(&ratio) {
        "  100%".to_string()
    } else if ratio >= 1.0 {
        format!("{ratio:5.2}%")
    } else {
        format!("{:>5}%", go_g2(ratio))
    }
}

/// Go's `%.2g`: two significant digits, trailing zeros removed, exponent form below 1e-4.
fn go_g2(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    let e = format!("{x:.1e}");
    let (mantissa, exp) = e.split_once('e').unwrap();
    let exp: i32 = exp.parse().unwrap();
    if !(-4..2).contains(&exp) {
        let m = mantissa.trim_end_matches('0').trim_end_matches('.');
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{m}e{sign}{:02}", exp.abs());
    }
    let decimals = (1 - exp).max(0) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// `s` after a count that is not one, for messages: "1 round", "3 rounds".
pub fn plural(n: u64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Human-readable bytes for messages, e.g. `1 GiB`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut i = 0;
    while v >= 1024.0 && i < UNITS.len() - 1 {
        v /= 1024.0;
        i += 1;
    }
    if v.fract() == 0.0 {
        format!("{v} {}", UNITS[i])
    } else {
        format!("{v:.1} {}", UNITS[i])
    }
}

fn memory(value: i64, from: &str, to: &str) -> Option<(f64, String)> {
    let from = from.to_ascii_lowercase();
    let from = from.strip_suffix('s').unwrap_or(&from);
    let to = to.to_ascii_lowercase();
    let to = to.strip_suffix('s').unwrap_or(&to).to_string();
    let factor: i64 = match from {
        "byte" | "b" => 1,
        "kb" | "kbyte" | "kilobyte" => 1 << 10,
        "mb" | "mbyte" | "megabyte" => 1 << 20,
        "gb" | "gbyte" | "gigabyte" => 1 << 30,
        "tb" | "tbyte" | "terabyte" => 1 << 40,
        "pb" | "pbyte" | "petabyte" => 1 << 50,
        _ => return None,
    };
    let value = value.wrapping_mul(factor);
    let to = if to == "minimum" || to == "auto" {
        const STEPS: [(i64, &str); 5] =
            [(1 << 10, "b"), (1 << 20, "kb"), (1 << 30, "mb"), (1 << 40, "gb"), (1 << 50, "tb")];
        STEPS.iter().find(|(limit, _)| value < *limit).map_or("pb", |s| s.1).to_string()
    } else {
        to
    };
    let v = value as f64;
    Some(match to.as_str() {
        "kb" | "kbyte" | "kilobyte" => (v / 1024.0, "kB".into()),
        "mb" | "mbyte" | "megabyte" => (v / (1u64 << 20) as f64, "MB".into()),
        "gb" | "gbyte" | "gigabyte" => (v / (1u64 << 30) as f64, "GB".into()),
        "tb" | "tbyte" | "terabyte" => (v / (1u64 << 40) as f64, "TB".into()),
        "pb" | "pbyte" | "petabyte" => (v / (1u64 << 50) as f64, "PB".into()),
        _ => (v, "B".into()),
    })
}

fn time(value: i64, from: &str, to: &str) -> Option<(f64, String)> {
    let trim = |u: &str| {
        let u = u.to_ascii_lowercase();
        if u.len() > 2 {
            u.strip_suffix('s').map(str::to_string).unwrap_or(u)
        } else {
            u
        }
    };
    let (from, to) = (trim(from), trim(to));
    const US: f64 = 1e3;
    const MS: f64 = 1e6;
    const S: f64 = 1e9;
    let ns: f64 = match from.as_str() {
        "nanosecond" | "ns" => value as f64,
        "microsecond" => value as f64 * US,
        "millisecond" | "ms" => value as f64 * MS,
        "second" | "sec" | "s" => value as f64 * S,
        "cycle" => return Some((value as f64, String::new())),
        _ => return None,
    };
    let to = if to == "minimum" || to == "auto" {
        const STEPS: [(f64, &str); 8] = [
            (US, "ns"),
            (MS, "us"),
            (S, "ms"),
            (60.0 * S, "sec"),
            (3600.0 * S, "min"),
            (86400.0 * S, "hour"),
            (15.0 * 86400.0 * S, "day"),
            (120.0 * 86400.0 * S, "week"),
        ];
        STEPS.iter().find(|(limit, _)| ns < *limit).map_or("year", |s| s.1).to_string()
    } else {
        to
    };
    Some(match to.as_str() {
        "ns" | "nanosecond" => (ns, "ns".into()),
        "us" | "microsecond" => (ns / US, "us".into()),
        "ms" | "millisecond" => (ns / MS, "ms".into()),
        "min" | "minute" => (ns / (60.0 * S), "mins".into()),
        "hour" | "hr" => (ns / (3600.0 * S), "hrs".into()),
        "day" => (ns / (86400.0 * S), "days".into()),
        "week" | "wk" => (ns / (7.0 * 86400.0 * S), "wks".into()),
        "year" | "yr" => (ns / (365.0 * 86400.0 * S), "yrs".into()),
        _ => (ns / S, "s".into()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_like_pprof() {
        assert_eq!(scaled_label(128_412_000, "bytes", "MB"), "122.46MB");
        assert_eq!(scaled_label(0, "bytes", "MB"), "0");
        assert_eq!(scaled_label(3_700_000_000, "nanoseconds", "s"), "3.70s");
        assert_eq!(scaled_label(5_120_000_000, "nanoseconds", "auto"), "5.12s");
        assert_eq!(scaled_label(1238, "count", "count"), "1238");
        assert_eq!(percentage(1, 1), "  100%");
        assert_eq!(percentage(9423, 10000), "94.23%");
        assert_eq!(percentage(96, 100000), "0.096%");
        assert_eq!(percentage(0, 100), "    0%");
        assert_eq!(percentage(15, 1_000_000), "0.0015%");
        assert_eq!(percentage(1, 100_000_000), "1e-06%");
        assert_eq!(output_unit(30_000, 136_000_000, "bytes"), "MB");
    }
}
