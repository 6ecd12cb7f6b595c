//! Ctrl-C asks `watch` to stop after what it is doing, so the summary is printed.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static STOP: AtomicBool = AtomicBool::new(false);

pub fn requested() -> bool {
    STOP.load(Ordering::Relaxed)
}

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
