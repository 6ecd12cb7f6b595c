//! Frame names in folded stacks (`root;…;leaf value`), where `;` separates frames and a
//! line break ends a stack: a name holding either would forge frames or whole stacks.
//! A fact of the format, so both its writer (`report::folded_text`) and its reader
//! (`decode::folded`) use this one module.
//!
//! Each becomes a visible stand-in, which [`frame_name`] turns back: `;` is written `；`
//! (U+FF1B, fullwidth semicolon), LF `␤` (U+2424), and every other control character but
//! the tab (CR, NUL, …, DEL) its symbol from Unicode's Control Pictures (`␍` U+240D, `␁`
//! U+2401, `␡` U+2421), so a folded file is always plain text of one stack a line. A tab
//! stays: it separates nothing inside a frame (the values follow the last one), and real
//! symbols hold one (a kernel module's `name\t[module]`). A name
//! that already held a stand-in reads back with the character it stands for, and two
//! names that differ only there fold into one frame: those cannot round-trip (see the
//! README).

use std::borrow::Cow;

/// The stand-in of a character that cannot stand in a folded frame, if it is one.
fn stand_in(c: char) -> Option<char> {
    match c {
        ';' => Some('；'),
        '\n' => Some('␤'),
        '\u{7f}' => Some('␡'),
        '\t' => None, // a tab separates nothing inside a frame, and real symbols hold one
        c if (c as u32) < 0x20 => char::from_u32(0x2400 + c as u32),
        _ => None,
    }
}

/// What a stand-in stands for, if it is one.
fn stands_for(c: char) -> Option<char> {
    match c {
        '；' => Some(';'),
        '␤' => Some('\n'),
        '␡' => Some('\u{7f}'),
        '\u{2400}'..='\u{241f}' if c != '\u{240a}' && c != '\u{2409}' => char::from_u32(c as u32 - 0x2400),
        _ => None,
    }
}

/// A name as a folded frame: its separators and control characters replaced by their
/// stand-ins.
pub fn frame(name: &str) -> Cow<'_, str> {
    // a byte scan: every frame of a folded file passes here (a char pattern is slower)
    if !name.bytes().any(|b| b == b';' || (b < 0x20 && b != b'\t') || b == 0x7f) {
        return Cow::Borrowed(name);
    }
    Cow::Owned(name.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// A folded frame read back as a name: each stand-in becomes what it stands for. This is
/// what the folded reader (`decode::folded`) applies to each `;`-separated frame.
pub fn frame_name(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| stands_for(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| stands_for(c).unwrap_or(c)).collect())
}

/// Other text on a folded file's lines (the sample types in its `#` legend): control
/// characters become their stand-ins, so the legend stays one line of text.
pub fn line_text(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != ';' && stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| if c == ';' { c } else { stand_in(c).unwrap_or(c) }).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_become_stand_ins_and_read_back() {
        let name = "main.x;evil;stack\nmain.forged 100\r\ttab\u{1}\u{7f}";
        let f = frame(name);
        assert_eq!(f, "main.x；evil；stack␤main.forged 100␍\ttab␁␡");
        assert!(!f.chars().any(|c| c == ';' || (c.is_control() && c != '\t')));
        assert_eq!(frame_name(&f), name);
        assert!(matches!(frame("main.(*T).f"), Cow::Borrowed(_)));
        assert_eq!(line_text("a;b\nc"), "a;b␤c");
    }

    #[test]
    fn a_name_holding_a_stand_in_does_not_round_trip() {
        assert_eq!(frame_name(&frame("wide；semicolon")), "wide;semicolon");
    }
}
