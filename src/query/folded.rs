//! Folded stacks: one line per distinct frame path, `root;...;leaf<TAB>v0 v1 ...`, with a
//! value per sample type. Inlined frames are expanded caller first; identical paths are
//! merged; all-zero lines are dropped; lines come in bytewise order, as the oracle's
//! `*.folded.txt` files have them.
//!
//! Lines are streamed from a walk of the call tree, never collected: a large profile has
//! millions of long lines. Bytewise order is not plain tree order, because a sibling can
//! sort between a node's own line and its descendants': with siblings `f` and `f.func1`,
//! `P;f` < `P;f.func1` < `P;f;g` since `.` sorts before `;`. So each node contributes two
//! items to its parent's sorted list, its own line (key `name`) and its subtree (key
//! `name;`), and the walk visits items in key order.

use super::view::StackView;
use super::walk::Children;
use crate::model::Profile;
use std::borrow::Cow;
use std::cmp::Ordering;

/// Calls `emit(path, values)` for every folded line, in bytewise order of `path`.
pub fn folded(p: &Profile, view: &StackView, emit: impl FnMut(&str, &[i64])) {
    folded_as(p, view, Cow::Borrowed, emit)
}

/// [`folded`], with each name written into the path as `frame_text(name)`: a writer's escaping
/// of `;` and line breaks (`report::escape::folded`). Lines stay in the bytewise order of
/// the names themselves.
pub fn folded_as<'v>(
    p: &Profile,
    view: &'v StackView,
    frame_text: impl Fn(&'v str) -> Cow<'v, str>,
    mut emit: impl FnMut(&str, &[i64]),
) {
    let tree = view.call_tree(p);
    let values = tree.self_values(p, view);
    let ntypes = values.len();
    let n = tree.len();
    let own = |node: usize| values.iter().any(|column| column[node] != 0);
    // Whether anything below a node has a non-zero value.
    let mut below = vec![false; n];
    for i in (0..n).rev() {
        let parent = tree.parent[i];
        if parent != u32::MAX && (below[i] || own(i)) {
            below[parent as usize] = true;
        }
    }
    let children = Children::from_parents(&tree.parent);
    let name = |node: u32| view.name(tree.key[node as usize]);
    // each distinct name's text, made once rather than at every node that has it
    let texts: Vec<Cow<'v, str>> = view.keys.names.iter().map(frame_text).collect();

    let mut line = vec![0i64; ntypes];
    // Samples with an empty stack fold into the empty path, which sorts first.
    for (t, column) in p.samples.values.iter().enumerate() {
        line[t] = p
            .samples
            .stack
            .iter()
            .zip(column)
            .filter(|(s, _)| view.prune.leaf(**s).is_none())
            .fold(0i64, |a, (_, &v)| a.wrapping_add(v));
    }
    if line.iter().any(|&v| v != 0) {
        emit("", &line);
    }

    // Items are (node, is_subtree). Frames are ranges of `items` being visited.
    struct Frame {
        start: usize,
        next: usize,
        end: usize,
        base: usize,
    }
    let mut items: Vec<(u32, bool)> = Vec::new();
    let mut frames: Vec<Frame> = Vec::new();
    let mut path = String::new();
    let push = |items: &mut Vec<(u32, bool)>, frames: &mut Vec<Frame>, list: &[u32], base: usize| {
        let start = items.len();
        for &c in list {
            if own(c as usize) {
                items.push((c, false));
            }
            if below[c as usize] {
                items.push((c, true));
            }
        }
        items[start..].sort_unstable_by(|a, b| item_order(name(a.0), a.1, name(b.0), b.1));
        frames.push(Frame { start, next: start, end: items.len(), base });
    };
    push(&mut items, &mut frames, children.roots(), 0);
    while let Some(frame) = frames.last_mut() {
        if frame.next == frame.end {
            let done = frames.pop().unwrap();
            items.truncate(done.start);
            continue;
        }
        let (node, subtree) = items[frame.next];
        frame.next += 1;
        let base = frame.base;
        path.truncate(base);
        path.push_str(&texts[tree.key[node as usize] as usize]);
        if subtree {
            path.push(';');
            let len = path.len();
            push(&mut items, &mut frames, children.of(node), len);
        } else {
            for (t, column) in values.iter().enumerate() {
                line[t] = column[node as usize];
            }
            emit(&path, &line);
        }
    }
}

/// Orders `a` (+ ";" if a subtree) against `b` (+ ";" if a subtree), bytewise.
fn item_order(a: &str, a_sub: bool, b: &str, b_sub: bool) -> Ordering {
    let semi = |sub: bool| if sub { &b";"[..] } else { &b""[..] };
    a.bytes().chain(semi(a_sub).iter().copied()).cmp(b.bytes().chain(semi(b_sub).iter().copied()))
}
