//! The stack tree of a filter's derived profile, grown in one pass over its source's tree
//! (parents before children): each source node maps to a new node, its parent's new node
//! (collapsed, as `-hide` does), or nothing.
//!
//! Finding an existing child is only needed where two source nodes feed children to the
//! same new node: below a collapsed node (its children join its parent's), or at the
//! roots when stacks start anywhere (`-show_from`). Everywhere else a new node's children
//! come from one source node, whose children have distinct locations, so each asked-for
//! child is new and is added without a lookup. A lookup walks a list of siblings that lie
//! whole subtrees apart, which missed the cache on nearly every node and was most of a
//! hide's filter time (25 of 37 ms on M natively). Nodes are numbered as a lookup on every
//! node would number them: in the order they are first asked for.

use crate::model::{ChildIndex, StackId, StackTable};

pub struct DerivedTree {
    table: StackTable,
    children: ChildIndex,
    /// Per new node: whether more than one source node may ask for its children, so that
    /// asking must look for an existing one.
    shared: Vec<bool>,
    /// The same for the roots.
    shared_roots: bool,
}

impl DerivedTree {
    /// Room for `nodes` nodes (a derived tree has at most its source's). `shared_roots`:
    /// roots may be asked for by source nodes other than the source's roots, or by a
    /// collapsed root's children.
    pub fn with_capacity(nodes: usize, shared_roots: bool) -> DerivedTree {
        DerivedTree {
            table: StackTable { parent: Vec::with_capacity(nodes), location: Vec::with_capacity(nodes) },
            children: ChildIndex::with_capacity(nodes),
            shared: Vec::with_capacity(nodes),
            shared_roots,
        }
    }

    /// The new node for `parent`'s stack plus `loc` ([`StackId::EMPTY`]: a root), asked
    /// for one source node. `alone`: none of that source node's children collapses into
    /// it, so (unless another source node maps to it too) its children come from that
    /// node's children only.
    pub fn child(&mut self, parent: StackId, loc: u32, alone: bool) -> StackId {
        let shared = match parent.index() {
            None => self.shared_roots,
            Some(p) => self.shared[p],
        };
        let n = self.table.parent.len() as u32;
        if shared {
            if let Some(found) = self.children.find(parent.0, loc, &self.table.location) {
                // a second source node maps here: its children must be looked up from now on
                if !self.shared[found as usize] {
                    self.shared[found as usize] = true;
                    self.children.prepare_lookups(found, &self.table.location);
                }
                return StackId(found);
            }
        }
        self.table.parent.push(parent.0);
        self.table.location.push(loc);
        self.shared.push(!alone);
        if shared {
            self.children.insert(parent.0, n, &self.table.location);
        } else {
            self.children.insert_unchecked(parent.0, n, &self.table.location);
        }
        StackId(n)
    }

    pub fn finish(self) -> StackTable {
        self.table
    }
}
