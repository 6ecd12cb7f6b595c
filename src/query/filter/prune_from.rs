//! pprof's `PruneFrom` (`-prune_from`): each stack ends at its innermost frame that
//! matches (on the function name, simplified as pprof simplifies it); the frames it
//! called go. Within the matching location, the inlined lines inside the match go too.

use super::rebuild::Rebuild;
use crate::model::{Profile, StackId};
use regex_lite::Regex;

/// pprof's `simplifyFunc`: a leading `.` and everything from the first `(` on go, except
/// where `(` begins `(anonymous namespace)` or `operator()`.
pub fn simplify_func(name: &str) -> &str {
    let name = name.strip_prefix('.').unwrap_or(name);
    let mut from = 0;
    while let Some(i) = name[from..].find(['(', 'o']).map(|i| from + i) {
        let rest = &name[i..];
        if rest.starts_with("(anonymous namespace)") {
            from = i + "(anonymous namespace)".len();
        } else if rest.starts_with("operator()") {
            from = i + "operator()".len();
        } else if rest.starts_with('(') {
            return &name[..i];
        } else {
            from = i + 1;
        }
    }
    name
}

pub fn apply(p: &Profile, re: &Regex) -> Profile {
    // decided once per function: a profile has far more lines than functions
    let matches: Vec<bool> = p
        .functions
        .iter()
        .map(|f| {
            let name = p.str(f.name);
            !name.is_empty() && re.is_match(simplify_func(name))
        })
        .collect();
    let mut r = Rebuild::new(p);
    let mut beneath = vec![false; p.locations.len()];
    for (l, cut) in beneath.iter_mut().enumerate() {
        let lines = r.lines(l);
        let first = lines.iter().position(|ln| matches.get(ln.function as usize).copied().unwrap_or(false));
        if let Some(i) = first {
            *cut = true;
            let kept = lines[i..].to_vec();
            r.set_lines(l, kept);
        }
    }
    let t = &p.stacks;
    // Per node: the innermost matching node on its path (or none yet).
    let mut cut_at = vec![u32::MAX; t.len()];
    let mut node_map = vec![StackId::EMPTY; t.len()];
    for n in 0..t.len() {
        let parent = t.parent[n];
        let parent_new = if parent == u32::MAX { StackId::EMPTY } else { node_map[parent as usize] };
        node_map[n] = r.child(parent_new, t.location[n]);
        cut_at[n] = if beneath[t.location[n] as usize] {
            n as u32
        } else if parent == u32::MAX {
            u32::MAX
        } else {
            cut_at[parent as usize]
        };
    }
    // The innermost match ends the stack: samples below it count at it.
    let cut: Vec<StackId> = (0..t.len())
        .map(|n| if cut_at[n] == u32::MAX { node_map[n] } else { node_map[cut_at[n] as usize] })
        .collect();
    r.finish(&cut, StackId::EMPTY, |_| true)
}

#[cfg(test)]
mod tests {
    use super::simplify_func;

    #[test]
    fn simplify_func_cuts_arguments_but_not_reserved_names() {
        assert_eq!(simplify_func(".main.f"), "main.f");
        assert_eq!(simplify_func("main.(*T).M"), "main.");
        assert_eq!(simplify_func("ns::(anonymous namespace)::f(int)"), "ns::(anonymous namespace)::f");
        assert_eq!(simplify_func("S::operator()(int)"), "S::operator()");
    }
}
