//! The normalized state, for filtering: wait reasons that differ only by how the runtime
//! tags synctest (`chan receive (durable)` in Go 1.25+, `chan receive (synctest)` in 1.24)
//! fold into their plain reason. Every other state stays verbatim, so the filter chips are
//! chan receive, chan send, select, semacquire, sync.Mutex.Lock, sync.RWMutex.Lock,
//! sync.RWMutex.RLock, sync.Cond.Wait, sync.WaitGroup.Wait, IO wait, sleep, syscall,
//! running, runnable, select (no cases), and whatever else a dump holds.

/// The state used when a dump records none (debug=1 and proto).
pub const UNKNOWN: &str = "unknown";

/// The normalized form of a verbatim state.
pub fn normalized_state(state: &str) -> &str {
    if state.is_empty() {
        return UNKNOWN;
    }
    for tag in [" (durable)", " (synctest)"] {
        if let Some(base) = state.strip_suffix(tag) {
            if matches!(base, "chan receive" | "chan send" | "select" | "sync.WaitGroup.Wait") {
                return base;
            }
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::normalized_state;

    #[test]
    fn folds_synctest_variants_only() {
        assert_eq!(normalized_state("chan receive (durable)"), "chan receive");
        assert_eq!(normalized_state("select (synctest)"), "select");
        assert_eq!(normalized_state("sync.WaitGroup.Wait (durable)"), "sync.WaitGroup.Wait");
        assert_eq!(normalized_state("select (no cases)"), "select (no cases)");
        assert_eq!(normalized_state("chan receive (nil chan)"), "chan receive (nil chan)");
        assert_eq!(normalized_state("GC worker (idle)"), "GC worker (idle)");
        assert_eq!(normalized_state(""), "unknown");
    }
}
