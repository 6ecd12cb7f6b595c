//! Whose code a Go frame is, judged by its function's package path. Standard-library paths
//! have no dot in their first element (`runtime`, `sync`, `net/http`, `encoding/json`);
//! `main` and every module path (`github.com/…`, `example.com/…`, `golang.org/x/…`) are
//! the program's own. The goroutine groups and the findings both read these rules.

/// Whether `function` (`main.f`, `net/http.(*conn).serve`, `github.com/a/b.(*T).M[...]`)
/// is the program's own code.
pub fn is_own(function: &str) -> bool {
    let package = package_path(function);
    let first = package.split('/').next().unwrap_or("");
    first == "main" || first.contains('.')
}

/// Whether `function` is part of how a goroutine waits rather than what it waits for:
/// the runtime (`runtime`, `runtime/…`), `sync` and `sync/atomic`, and the standard
/// library's `internal/…` packages (`internal/poll`).
pub fn is_wait_internal(function: &str) -> bool {
    let package = package_path(function);
    let under =
        |root: &str| package == root || package.strip_prefix(root).is_some_and(|r| r.starts_with('/'));
    under("runtime") || under("sync") || package.starts_with("internal/")
}

/// The frame a goroutine group is named by, and the call it blocks in. `functions` are
/// the stack's function names, innermost first. The named frame is the innermost one
/// that is not [`is_wait_internal`] (the program's `Get` that waits on its pool); the
/// blocking call is the frame it called (`sync.(*Cond).Wait`), or `None` when the named
/// frame is the innermost. A stack of only internal frames is named by its outermost
/// frame (`runtime.forcegchelper`). `None` for an empty stack.
pub fn waiting_frame(functions: &[&str]) -> Option<(usize, Option<usize>)> {
    let last = functions.len().checked_sub(1)?;
    let named = functions.iter().position(|f| !is_wait_internal(f)).unwrap_or(last);
    Some((named, named.checked_sub(1)))
}

/// The package path of a Go function name: everything before the first `.` after the
/// last `/`.
fn package_path(function: &str) -> &str {
    let slash = function.rfind('/').map_or(0, |i| i + 1);
    match function[slash..].find('.') {
        Some(dot) => &function[..slash + dot],
        None => function,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages() {
        for own in [
            "main.main",
            "main.(*Pool).Get",
            "github.com/a/b.F",
            "golang.org/x/net/http2.(*Framer).ReadFrame",
            "example.com/m.F[...]",
        ] {
            assert!(is_own(own), "{own}");
        }
        for std in [
            "runtime.gopark",
            "sync.(*Cond).Wait",
            "net/http.(*conn).serve",
            "encoding/json.Marshal",
            "internal/poll.(*FD).Read",
            "bytes.growSlice",
        ] {
            assert!(!is_own(std), "{std}");
        }
    }

    #[test]
    fn wait_internals() {
        for internal in [
            "runtime.gopark",
            "runtime/internal/atomic.Load",
            "sync.runtime_notifyListWait",
            "sync.(*Cond).Wait",
            "sync/atomic.(*Int64).Load",
            "internal/poll.(*FD).Read",
        ] {
            assert!(is_wait_internal(internal), "{internal}");
        }
        for outside in [
            "main.(*Pool).Get",
            "net.(*netFD).Read",
            "syncx.F",
            "runtimes.F",
            "time.Sleep",
            "github.com/x/sync.F",
        ] {
            assert!(!is_wait_internal(outside), "{outside}");
        }
    }

    #[test]
    fn named_frame_and_blocking_call() {
        let cond = ["sync.runtime_notifyListWait", "sync.(*Cond).Wait", "main.(*Pool).Get", "main.worker"];
        assert_eq!(waiting_frame(&cond), Some((2, Some(1))));
        assert_eq!(waiting_frame(&["main.awaitConfirmation", "main.handleOrder"]), Some((0, None)));
        assert_eq!(waiting_frame(&["runtime.gopark", "runtime.forcegchelper"]), Some((1, Some(0))));
        assert_eq!(waiting_frame(&[]), None);
    }
}
