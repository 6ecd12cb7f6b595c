//! The helper threads of the threaded wasm build.
//!
//! wasm has no `std::thread::spawn`: a thread is a Web Worker that instantiates the same
//! module on the same shared memory. The page's engine worker starts the helpers (see
//! `www/src/engine/helpers.ts`), and each calls [`helper_loop`], which never returns: it
//! sleeps on a condition variable (`memory.atomic.wait32`, which workers may block on)
//! until [`join`] hands it a part.
//!
//! A helper is claimed before its part is queued, so a queued part always has a helper
//! that will run it, and [`join`] never waits on a part that nobody will run: with no
//! idle helper, both parts run inline. A helper that traps (a bug: the engine never
//! panics on bad input) cannot store its result, so its worker reports it through
//! [`helper_failed`], and the waiting thread then stops too, as the single-threaded
//! engine would have.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

type Job = Box<dyn FnOnce() + Send + 'static>;

static QUEUE: Mutex<VecDeque<Job>> = Mutex::new(VecDeque::new());
static QUEUED: Condvar = Condvar::new();
/// Helpers that are waiting for a part and not yet claimed.
static IDLE: AtomicUsize = AtomicUsize::new(0);
/// Helpers that have started.
static HELPERS: AtomicUsize = AtomicUsize::new(0);
/// Set when a helper trapped in the middle of a part.
static FAILED: AtomicBool = AtomicBool::new(false);

/// How many helpers have started.
pub fn helpers() -> usize {
    HELPERS.load(Ordering::Acquire)
}

/// Runs on a helper worker, for as long as the page lives: takes parts and runs them.
pub fn helper_loop() -> ! {
    HELPERS.fetch_add(1, Ordering::AcqRel);
    loop {
        let job = {
            let mut queue = QUEUE.lock().unwrap_or_else(|e| e.into_inner());
            IDLE.fetch_add(1, Ordering::AcqRel);
            loop {
                match queue.pop_front() {
                    Some(job) => break job,
                    None => queue = QUEUED.wait(queue).unwrap_or_else(|e| e.into_inner()),
                }
            }
        };
        job();
    }
}

/// Called by a helper's worker after its loop trapped: a part's result will never come.
pub fn helper_failed() {
    FAILED.store(true, Ordering::Release);
}

/// One part's result, and the signal that it is there.
struct Done<R> {
    result: Mutex<Option<R>>,
    ready: Condvar,
}

/// See [`super::join`].
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    match try_join(a, b) {
        Ok(both) => both,
        Err((a, b)) => (a(), b()),
    }
}

/// See [`super::try_join`].
pub fn try_join<A, B, RA, RB>(a: A, b: B) -> Result<(RA, RB), (A, B)>
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    let claimed = IDLE.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| n.checked_sub(1)).is_ok();
    if !claimed {
        return Err((a, b));
    }
    let done = Arc::new(Done { result: Mutex::new(None), ready: Condvar::new() });
    let theirs = Arc::clone(&done);
    let job: Box<dyn FnOnce() + Send + '_> = Box::new(move || {
        let r = b();
        *theirs.result.lock().unwrap_or_else(|e| e.into_inner()) = Some(r);
        theirs.ready.notify_one();
    });
    // SAFETY: the job borrows from this frame (through `b`), and this function does not
    // return before the job has run `b` and stored its result: it waits for the result
    // below, and a wasm panic aborts rather than unwinds past the wait. After storing
    // the result the job only touches `theirs`, which it owns.
    let job: Job = unsafe { std::mem::transmute::<Box<dyn FnOnce() + Send + '_>, Job>(job) };
    QUEUE.lock().unwrap_or_else(|e| e.into_inner()).push_back(job);
    QUEUED.notify_one();
    let mine = a();
    let mut slot = done.result.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        if let Some(r) = slot.take() {
            return Ok((mine, r));
        }
        assert!(!FAILED.load(Ordering::Acquire), "a helper thread of the engine stopped");
        slot = done.ready.wait_timeout(slot, Duration::from_millis(50)).unwrap_or_else(|e| e.into_inner()).0;
    }
}
