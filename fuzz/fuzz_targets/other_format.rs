//! What every cargo-fuzz target of another tool's format checks (included by each): any
//! bytes decode to a profile, a dump or a typed error, never a panic or a hang; a profile
//! of the target's format reports (top at each granularity, folded, flame, info), and
//! survives an encode/decode round trip with its totals.

use proflens::decode::{decode_any, Decoded};
use proflens::model::Format;
use proflens::query::flame::flame;
use proflens::query::folded::folded;
use proflens::query::{top, Granularity, StackView};

pub fn check(data: &[u8], format: Format) {
    let Ok(Decoded::Profile(p)) = decode_any(data) else { return };
    if p.format != format {
        return;
    }
    let _ = proflens::report::info::render(&p);
    let mut totals = Vec::new();
    for g in [Granularity::Functions, Granularity::Lines, Granularity::Files] {
        let view = StackView::new(&p, g);
        for t in 0..p.sample_types.len() {
            let table = top(&p, &view, t);
            totals.push(table.total);
            let _ = flame(&p, &view, t);
        }
        folded(&p, &view, |_, _| {});
    }
    let again = proflens::decode(&proflens::encode::encode(&p)).expect("a profile re-encodes");
    let view = StackView::new(&again, Granularity::Functions);
    for t in 0..p.sample_types.len() {
        assert_eq!(top(&again, &view, t).total, totals[t], "sample type {t} after a round trip");
    }
}
