//! The TypeScript side of the protocol, generated from the Rust declarations: every
//! request and result type (through ts-rs: derived from the same structs serde serializes,
//! so a field cannot be renamed on one side only), the `EngineRequests` map from each
//! request's `type` to its request and result, and the transforms with their pprof flags.
//! tests/protocol_ts.rs compares www/src/engine/generated.ts with this text, and rewrites
//! it when asked (`PROFLENS_UPDATE_TS=1`).

use super::filter::TransformOp;
use super::protocol::{typescript, visit_types};
use std::any::TypeId;
use std::collections::HashSet;
use ts_rs::{Config, TypeVisitor, TS};

/// The whole of www/src/engine/generated.ts.
pub fn typescript_file() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types of src/session by tests/protocol_ts.rs\n\
         // (PROFLENS_UPDATE_TS=1 cargo test --test protocol_ts). Do not edit.\n\n",
    );
    let mut decls = Declarations { cfg: &cfg, seen: HashSet::new(), out: Vec::new() };
    visit_types(&mut decls);
    // ts-rs visits a type's dependencies in no fixed order: sort by name, so the file is the
    // same from one build to the next.
    decls.out.sort();
    for (_, d) in decls.out {
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out.push_str(
        "/** Every request the engine answers, by its `type`. */\nexport interface EngineRequests {\n",
    );
    for (name, doc, req, res) in typescript(&cfg) {
        for line in doc.lines() {
            out.push_str(&format!("  //{line}\n"));
        }
        out.push_str(&format!("  {name}: {{ req: {req}; res: {res} }};\n"));
    }
    out.push_str("}\n\n");
    out.push_str(&transforms());
    out
}

/// The transforms the page offers, in its order, each with pprof's flag (its name) and
/// the rank pprof applies it at.
fn transforms() -> String {
    let mut out = String::from(
        "/** The transforms (pprof's filters), in the order the page offers them: `op` is also\n \
         *  pprof's flag, `pprofRank` the order pprof applies them in whatever the command\n \
         *  line's order, `joinable` when two of them are one flag `a|b`. */\n\
         export const TRANSFORMS = [\n",
    );
    for op in TransformOp::ALL {
        out.push_str(&format!(
            "  {{ op: '{}', pprofRank: {}, joinable: {} }},\n",
            op.name(),
            op.pprof_rank(),
            op.joinable()
        ));
    }
    out.push_str("] as const;\n");
    out
}

/// Collects the declaration of every named type reachable from the requests, once each.
struct Declarations<'a> {
    cfg: &'a Config,
    seen: HashSet<TypeId>,
    /// (type name, declaration)
    out: Vec<(String, String)>,
}

impl TypeVisitor for Declarations<'_> {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let docs = T::docs().unwrap_or_default();
            self.out.push((T::ident(self.cfg), format!("{docs}export {}", T::decl(self.cfg))));
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}
