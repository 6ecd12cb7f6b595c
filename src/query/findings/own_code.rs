//! The program's own code: a function outside the Go standard library and the runtime,
//! judged by its package path. Standard-library paths have no dot in their first element
//! (`runtime`, `sync`, `net/http`, `encoding/json`); `main` and every module path
//! (`github.com/…`, `example.com/…`, `golang.org/x/…`) are the program's.

/// Whether `function` (`main.f`, `net/http.(*conn).serve`, `github.com/a/b.(*T).M[...]`)
/// is the program's own code.
pub fn is_own(function: &str) -> bool {
    let package = package_path(function);
    let first = package.split('/').next().unwrap_or("");
    first == "main" || first.contains('.')
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
}
