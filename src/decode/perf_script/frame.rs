//! One stack line of `perf script`: the address, the symbol and its offset, and the DSO.
//!
//! ```text
//!         12b5 fib+0x25 (/tmp/work)
//! ffffffff8223df91 do_syscall_64+0x71 ([kernel.kallsyms])
//!     7fb6282f2ad7 [unknown] ([unknown])
//! ```
//!
//! Frames are named as FlameGraph's `stackcollapse-perf.pl` and inferno name them, so that
//! folded stacks and flame graphs read the same here and there: the offset is dropped; a
//! C++ or Rust argument list is dropped (not a Go method's `.(*T)`, nor `(anonymous
//! namespace)`); `;` becomes `:`; an `[unknown]` symbol in a known DSO is named
//! `[libfoo.so]`; a trailing Rust hash (`::h0123…`) is dropped; kernel frames end in
//! `_[k]` and JIT frames (`/tmp/perf-N.map`, `jitted-*.so`) in `_[j]`, inferno's
//! annotations, so `--hide '_\[k\]'` hides the kernel. Java's `a->b` (b inlined into
//! a) becomes one location with two lines.

use crate::decode::text::parse_u64;

/// A stack line, split.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StackLine<'a> {
    pub address: u64,
    /// The symbol with its offset (`fib+0x25`), or `[unknown]`.
    pub symbol: &'a [u8],
    pub dso: &'a [u8],
}

/// Splits a stack line (leading whitespace already trimmed): `ADDR SYMBOL (DSO)`.
pub(super) fn parse_stack_line(line: &[u8]) -> Option<StackLine<'_>> {
    let line = line.trim_ascii_end();
    let space = memchr::memchr(b' ', line)?;
    let address = parse_hex(&line[..space])?;
    let rest = &line[space + 1..];
    let open = rest.iter().rposition(|&c| c == b' ').map_or(0, |i| i + 1);
    let dso = rest[open..].strip_prefix(b"(")?.strip_suffix(b")")?;
    Some(StackLine { address, symbol: rest[..open].trim_ascii(), dso })
}

/// Bare hex digits, as perf prints addresses.
pub(super) fn parse_hex(digits: &[u8]) -> Option<u64> {
    if digits.is_empty() || digits.len() > 16 {
        return None;
    }
    digits.iter().try_fold(0u64, |n, &d| Some(n << 4 | (d as char).to_digit(16)? as u64))
}

/// The symbol without its `+0x…` offset.
pub(super) fn without_offset(symbol: &[u8]) -> &[u8] {
    match memchr::memmem::rfind(symbol, b"+0x") {
        Some(at) if symbol[at + 3..].iter().all(u8::is_ascii_hexdigit) => &symbol[..at],
        _ => symbol,
    }
}

/// What kind of code a DSO holds, for the name's annotation.
pub(super) fn annotation(dso: &[u8]) -> &'static str {
    if is_kernel(dso) {
        "_[k]"
    } else if (dso.starts_with(b"/tmp/perf-") && dso.ends_with(b".map"))
        || (memchr::memmem::find(dso, b"/jitted-").is_some() && dso.ends_with(b".so"))
    {
        "_[j]"
    } else {
        ""
    }
}

/// The kernel and its modules: `[kernel.kallsyms]`, `[nf_conntrack]`, `*.ko`, `vmlinux*`.
fn is_kernel(dso: &[u8]) -> bool {
    let vmlinux = memchr::memmem::rfind(dso, b"vmlinux")
        .is_some_and(|at| dso[at..].iter().all(|&c| c.is_ascii_alphanumeric() || b"-._".contains(&c)));
    (dso.starts_with(b"[") || dso.ends_with(b".ko") || vmlinux) && dso != b"[unknown]"
}

/// The display name of one function of a frame (see the module documentation).
pub(super) fn function_name(symbol: &[u8], dso: &[u8], annotate: &str) -> String {
    let symbol = String::from_utf8_lossy(symbol);
    let mut name = if symbol == "[unknown]" && dso != b"[unknown]" {
        let base = dso.rsplit(|&c| c == b'/').next().unwrap_or(dso);
        format!("[{}]", String::from_utf8_lossy(base))
    } else if symbol.is_empty() {
        " ".to_string()
    } else {
        without_arguments(without_rust_hash(&symbol)).replace(';', ":")
    };
    name.push_str(annotate);
    name
}

/// `path::to::f::h0123456789abcdef` → `path::to::f`.
fn without_rust_hash(symbol: &str) -> &str {
    const HASH: usize = 17;
    let n = symbol.len();
    let is_hash = n >= HASH
        && symbol.is_char_boundary(n - HASH)
        && symbol[n - HASH..].starts_with('h')
        && symbol[n - HASH + 1..].bytes().all(|c| c.is_ascii_hexdigit());
    match is_hash {
        true => symbol[..n - HASH].strip_suffix("::").unwrap_or(&symbol[..n - HASH]),
        false => symbol,
    }
}

/// Drops a top-level argument list: `f(int, char)` → `f`, but keeps Go's `pkg.(*T).m`,
/// C++'s `(anonymous namespace)`, and parentheses inside `<…>`, `{…}`, `[…]`.
fn without_arguments(name: &str) -> &str {
    let mut depth = 0i32;
    let mut after_dot = None;
    for (i, c) in name.char_indices() {
        match c {
            '<' | '{' | '[' => depth += 1,
            '>' | '}' | ']' | ')' => depth -= 1,
            '(' => {
                let go_method = after_dot == Some(i);
                if depth == 0 && !go_method && !name[i..].starts_with("(anonymous namespace)") {
                    return &name[..i];
                }
                depth += 1;
            }
            '.' => after_dot = Some(i + 1),
            _ => {}
        }
    }
    name
}

/// The `u64` of `digits`, for the pid and tid.
pub(super) fn parse_id(digits: &[u8]) -> Option<u64> {
    parse_u64(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_lines() {
        let l = parse_stack_line(b"12b5 fib+0x25 (/tmp/work)").unwrap();
        assert_eq!((l.address, l.symbol, l.dso), (0x12b5, &b"fib+0x25"[..], &b"/tmp/work"[..]));
        let l = parse_stack_line(b"7f1e2215d058  (/lib/libc-2.15.so)").unwrap();
        assert_eq!((l.symbol, l.dso), (&b""[..], &b"/lib/libc-2.15.so"[..]));
        let l = parse_stack_line(b"0 operator new(unsigned long) (/usr/lib/libstdc++.so.6)").unwrap();
        assert_eq!(l.symbol, b"operator new(unsigned long)");
        assert_eq!(parse_stack_line(b"12b5 fib+0x25 /tmp/work"), None);
        assert_eq!(parse_stack_line(b"zz fib (/tmp/work)"), None);
    }

    #[test]
    fn names() {
        let name = |s: &str, dso: &str| {
            function_name(without_offset(s.as_bytes()), dso.as_bytes(), annotation(dso.as_bytes()))
        };
        assert_eq!(name("fib+0x25", "/tmp/work"), "fib");
        assert_eq!(name("do_syscall_64+0x71", "[kernel.kallsyms]"), "do_syscall_64_[k]");
        assert_eq!(name("[unknown]", "/usr/lib/libc.so.6"), "[libc.so.6]");
        assert_eq!(name("[unknown]", "[unknown]"), "[unknown]");
        assert_eq!(name("std::vector<int>::push(int const&)+0x1", "/a"), "std::vector<int>::push");
        assert_eq!(name("net/http.(*Client).Do+0x1f", "/a"), "net/http.(*Client).Do");
        assert_eq!(name("(anonymous namespace)::f(int)", "/a"), "(anonymous namespace)::f");
        assert_eq!(name("core::ops::f::h0123456789abcdef", "/a"), "core::ops::f");
        assert_eq!(name("a;b", "/tmp/perf-12.map"), "a:b_[j]");
        assert_eq!(name("tcp_sendmsg", "/lib/modules/4.3/build/vmlinux"), "tcp_sendmsg_[k]");
    }
}
