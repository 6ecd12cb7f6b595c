//! Frame names in folded stacks (`root;…;leaf value`), where `;` separates frames and a
//! line break ends a stack: a name holding either would forge frames or whole stacks.
//!
//! Each becomes a visible stand-in, which [`frame_name`] turns back: `;` is written `；`
//! (U+FF1B, fullwidth semicolon), LF `␤` (U+2424) and CR `␍` (U+240D). A name that already
//! held a stand-in reads back with the character it stands for, and two names that differ
//! only there fold into one frame: those cannot round-trip (see the README).

use std::borrow::Cow;

/// The stand-ins, as (character in a name, what the folded text shows).
const STAND_INS: [(char, char); 3] = [(';', '；'), ('\n', '␤'), ('\r', '␍')];

/// A name as a folded frame: its separators and line breaks replaced by their stand-ins.
pub fn frame(name: &str) -> Cow<'_, str> {
    // a byte scan: every frame of a folded file passes here (a char pattern is slower)
    if !name.bytes().any(|b| matches!(b, b';' | b'\n' | b'\r')) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.chars().map(|c| STAND_INS.iter().find(|s| s.0 == c).map_or(c, |s| s.1)).collect())
}

/// A folded frame read back as a name: each stand-in becomes what it stands for. This is
/// what a folded reader applies to each `;`-separated frame.
pub fn frame_name(text: &str) -> Cow<'_, str> {
    if !text.contains(['；', '␤', '␍']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| STAND_INS.iter().find(|s| s.1 == c).map_or(c, |s| s.0)).collect())
}

/// Other text on a folded file's lines (the sample types in its `#` legend): line breaks
/// become their stand-ins, so the legend stays one line.
pub fn line_text(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace('\n', "␤").replace('\r', "␍"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_become_stand_ins_and_read_back() {
        let name = "main.x;evil;stack\nmain.forged 100\r";
        let f = frame(name);
        assert_eq!(f, "main.x；evil；stack␤main.forged 100␍");
        assert!(!f.contains([';', '\n', '\r']));
        assert_eq!(frame_name(&f), name);
        assert!(matches!(frame("main.(*T).f"), Cow::Borrowed(_)));
        assert_eq!(line_text("a;b\nc"), "a;b␤c");
    }

    #[test]
    fn a_name_holding_a_stand_in_does_not_round_trip() {
        assert_eq!(frame_name(&frame("wide；semicolon")), "wide;semicolon");
    }
}
