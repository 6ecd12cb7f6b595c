//! Text inside XML (the SVG flame graph): markup characters become entities, and the
//! characters XML 1.0 forbids even as entities (most C0 controls, U+FFFE, U+FFFF) become
//! U+FFFD, so a name can neither add elements nor make the file ill-formed.

/// Text for XML content and attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(
            escape("<a b=\"c\" d='e'>&</a>"),
            "&lt;a b=&quot;c&quot; d=&#39;e&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("x\u{1}\r\u{FFFF}y\n\t"), "x\u{FFFD}\u{FFFD}\u{FFFD}y\n\t");
    }
}
