//! The header line of a `perf script` sample:
//!
//! ```text
//! work 28024   712.972131:     500250 cpu-clock:
//! V8 WorkerThread 24636/25607 [000] 94564.109216: cycles:
//! false 64414 20110.539270:      34467 cycles:u:  ffffffff9aa3c8de [unknown] ([unknown])
//! ```
//!
//! The command (which may hold spaces), the pid/tid or the tid alone, the CPU, the time in
//! seconds, the period when perf prints it, the event with its modifiers, and sometimes a
//! single stack frame on the same line. The command ends at the first word of digits
//! (`pid/tid` or `tid`), and the event is the word before the first colon after the time,
//! as inferno reads these lines.

/// A sample header, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Event<'a> {
    pub comm: &'a [u8],
    pub pid: Option<u64>,
    pub tid: u64,
    /// The time in nanoseconds, when the line has one.
    pub time: Option<u64>,
    pub period: Option<u64>,
    pub event: &'a [u8],
    /// A stack frame printed on the header line itself.
    pub frame: Option<&'a [u8]>,
}

pub(super) fn parse_event(line: &[u8]) -> Option<Event<'_>> {
    let (comm, ids, rest) = split_ids(line)?;
    let (pid, tid) = match memchr::memchr(b'/', ids) {
        Some(slash) => {
            (Some(super::frame::parse_id(&ids[..slash])?), super::frame::parse_id(&ids[slash + 1..])?)
        }
        None => (None, super::frame::parse_id(ids)?),
    };
    // `[cpu] time: period event:modifiers: frame`
    let colon = memchr::memchr(b':', rest)?;
    let time = rest[..colon].rsplit(|&c| c == b' ').next().and_then(parse_seconds);
    let after = &rest[colon + 1..];
    let end = memchr::memchr(b':', after)?;
    let mut words = after[..end].rsplit(|&c| c == b' ').filter(|w| !w.is_empty());
    let event = words.next().filter(|e| !e.is_empty())?;
    let period = words.next().and_then(super::frame::parse_id);
    // After the event's colon: its modifiers (`u:`, `uppp:`) or a frame.
    let tail = &after[end + 1..];
    let tail = match tail.iter().position(|&c| c == b':' || c == b' ') {
        Some(i) => &tail[i + 1..],
        None => &[][..],
    };
    let tail = tail.trim_ascii();
    let frame = (!tail.is_empty()).then_some(tail);
    Some(Event { comm, pid, tid, time, period, event, frame })
}

/// The command, the id word (`pid/tid` or `tid`) and what follows it.
fn split_ids(line: &[u8]) -> Option<(&[u8], &[u8], &[u8])> {
    let mut start = 0;
    while start < line.len() {
        let end = memchr::memchr(b' ', &line[start..]).map_or(line.len(), |i| start + i);
        let word = &line[start..end];
        let is_ids = !word.is_empty()
            && start > 0
            && end < line.len()
            && word.iter().all(|&c| c.is_ascii_digit() || c == b'/')
            && word.first().is_some_and(u8::is_ascii_digit);
        if is_ids {
            return Some((line[..start].trim_ascii(), word, &line[end + 1..]));
        }
        start = end + 1;
    }
    None
}

/// `712.972131` seconds as nanoseconds.
fn parse_seconds(text: &[u8]) -> Option<u64> {
    let (whole, frac) = match memchr::memchr(b'.', text) {
        Some(dot) => (&text[..dot], &text[dot + 1..]),
        None => (text, &[][..]),
    };
    if frac.len() > 9 || !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut nanos = super::frame::parse_id(whole)?.checked_mul(1_000_000_000)?;
    let mut scale = 100_000_000;
    for &d in frac {
        nanos += (d - b'0') as u64 * scale;
        scale /= 10;
    }
    Some(nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers() {
        let e = parse_event(b"work 28024   712.972131:     500250 cpu-clock: ").unwrap();
        assert_eq!((e.comm, e.pid, e.tid), (&b"work"[..], None, 28024));
        assert_eq!(
            (e.time, e.period, e.event, e.frame),
            (Some(712_972_131_000), Some(500250), &b"cpu-clock"[..], None)
        );
        let e = parse_event(b"V8 WorkerThread 24636/25607 [000] 94564.109216: cycles:").unwrap();
        assert_eq!((e.comm, e.pid, e.tid, e.period), (&b"V8 WorkerThread"[..], Some(24636), 25607, None));
        let e = parse_event(b"vote   913    72.176760:     257597 cycles:uppp:").unwrap();
        assert_eq!((e.event, e.period, e.frame), (&b"cycles"[..], Some(257597), None));
        let e = parse_event(
            b"false 64414 20110.539270:      34467 cycles:u:  ffffffff9aa3c8de [unknown] ([unknown])",
        )
        .unwrap();
        assert_eq!(e.frame, Some(&b"ffffffff9aa3c8de [unknown] ([unknown])"[..]));
        // With several events perf pads the event name.
        let e = parse_event(b"work 28667   730.850371:    2004008   cpu-clock: ").unwrap();
        assert_eq!((e.period, e.event), (Some(2004008), &b"cpu-clock"[..]));
        assert_eq!(parse_event(b"main;run 12"), None);
        assert_eq!(parse_event(b"no digits here: x:"), None);
    }
}
