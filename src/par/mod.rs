//! Fork-join parallelism that works the same natively and in the browser.
//!
//! The engine splits a few large stages (building the stack tree, above all) into
//! independent parts. [`join`] runs two parts at once where a second thread is free
//! and one after the other where none is, so the result never depends on how many
//! threads there were, only the time does.
//!
//! - Natively, a part runs on a scoped OS thread.
//! - In wasm built with shared memory and atomics (the site's threaded build, used when
//!   the page is cross-origin isolated), a part goes to one of the helper workers the
//!   page started, each running [`wasm_pool::helper_loop`] on the same memory.
//! - In the single-threaded wasm build, every part runs inline.
//!
//! Parts are coarse (milliseconds or more), so a thread per native join costs nothing
//! that shows, and there is no work stealing: a part that finds no idle helper simply
//! runs on the thread that asked.

#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub mod wasm_pool;

/// How many threads parallel work can use here: 1 where parts can only run inline.
pub fn threads() -> usize {
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    {
        1 + wasm_pool::helpers()
    }
    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    {
        1
    }
}

/// Runs `a` and `b`, at the same time where another thread is free, and returns both
/// results. `a` runs on the calling thread; `b` is the part handed to the other one.
pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|scope| {
            let other = scope.spawn(b);
            let mine = a();
            match other.join() {
                Ok(theirs) => (mine, theirs),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        })
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    {
        wasm_pool::join(a, b)
    }
    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    {
        (a(), b())
    }
}

/// Runs `a` (on the calling thread) and `b` at the same time, on two threads, or gives
/// them back untouched where no second thread is free. For parts that must overlap: one that waits for
/// what the other produces would wait forever if they ran one after the other.
pub fn try_join<A, B, RA, RB>(a: A, b: B) -> Result<(RA, RB), (A, B)>
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    {
        Ok(join(a, b))
    }
    #[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
    {
        wasm_pool::try_join(a, b)
    }
    #[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
    {
        Err((a, b))
    }
}

/// Maps every item through `f`, spreading the items over up to [`threads`] threads,
/// and returns the results in the items' order.
pub fn map<T, R, F>(items: Vec<T>, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    fn split<T: Send, R: Send, F: Fn(T) -> R + Sync>(mut items: Vec<T>, f: &F) -> Vec<R> {
        if items.len() <= 1 {
            return items.into_iter().map(f).collect();
        }
        let right = items.split_off(items.len() / 2);
        let (mut l, r) = join(|| split(items, f), || split(right, f));
        l.extend(r);
        l
    }
    split(items, &f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_returns_both_results_in_place() {
        let data: Vec<u64> = (1..=1000).collect();
        let (lo, hi) = data.split_at(500);
        let (a, b) = join(|| lo.iter().sum::<u64>(), || hi.iter().sum::<u64>());
        assert_eq!((a, b), (125_250, 375_250));
    }

    #[test]
    fn map_keeps_the_order_of_its_items() {
        let out = map((0..37).collect(), |i: u32| i * i);
        assert_eq!(out, (0..37).map(|i| i * i).collect::<Vec<_>>());
        assert!(map(Vec::<u32>::new(), |i| i).is_empty());
    }

    #[test]
    fn try_join_runs_the_parts_at_the_same_time() {
        // each part waits for the other's message: only concurrent parts can finish
        let (to_b, from_a) = std::sync::mpsc::channel();
        let (to_a, from_b) = std::sync::mpsc::channel();
        let both = try_join(
            move || {
                to_b.send(1).unwrap();
                from_b.recv().unwrap()
            },
            move || {
                to_a.send(2).unwrap();
                from_a.recv().unwrap()
            },
        );
        assert_eq!(both.ok(), Some((2, 1)));
    }

    #[test]
    fn a_panic_in_the_other_part_reaches_the_caller() {
        let r = std::panic::catch_unwind(|| join(|| 1, || -> i32 { panic!("boom") }));
        assert!(r.is_err());
    }
}
