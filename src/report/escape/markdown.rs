//! GitHub-flavoured Markdown table cells that show their text as it is.
//!
//! In a table cell GitHub would read `|` as a column break, `\` as an escape, `<` and `>`
//! as HTML, `&` as an entity, backticks as code, `*`, `_` and `~` as emphasis and
//! strikethrough, and `[` `]` as a link (and `![..](..)` as an image that loads from
//! anywhere). Each becomes a backslash escape or an entity, and a line break, which
//! would end the row, becomes a space. GitHub also links bare URLs: `:` is escaped (no
//! `http://`, `mailto:`) and so is the `.` of `www.`. A name shaped like an e-mail address
//! still shows as a `mailto:` link of its own text: no escape stops that one.

/// A table: the header row, a rule (right-aligned where the column holds numbers), then
/// the rows, each cell escaped by [`cell`].
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let line =
        |cells: &[String]| format!("| {} |\n", cells.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
    let rule: Vec<&str> =
        (0..header.len()).map(|k| if numeric_column(rows, k) { "---:" } else { "---" }).collect();
    let mut s = line(header);
    s.push_str(&format!("|{}|\n", rule.join("|")));
    for r in rows {
        s.push_str(&line(r));
    }
    s
}

/// One cell's text, escaped.
pub fn cell(c: &str) -> String {
    let mut s = String::with_capacity(c.len());
    for (i, ch) in c.char_indices() {
        match ch {
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '&' => s.push_str("&amp;"),
            '|' | '\\' | '`' | '*' | '_' | '~' | '[' | ']' => {
                s.push('\\');
                s.push(ch);
            }
            '\n' | '\r' => s.push(' '),
            ':' => s.push_str("\\:"),
            '.' if i >= 3 && c.get(i - 3..i).is_some_and(|w| w.eq_ignore_ascii_case("www")) => {
                s.push_str("\\.")
            }
            _ => s.push(ch),
        }
    }
    s
}

/// A column of values (right-aligned): every cell is empty or starts like a number, and
/// there is at least one row.
fn numeric_column(rows: &[Vec<String>], k: usize) -> bool {
    let starts_like_number = |c: &str| {
        let c = c.strip_prefix(['-', '+']).unwrap_or(c);
        c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '.' || ch == ',')
    };
    !rows.is_empty() && rows.iter().all(|r| r.get(k).map_or(true, |c| c.is_empty() || starts_like_number(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_line_breaks_stay_text() {
        assert_eq!(cell("a|b\\c"), "a\\|b\\\\c");
        assert_eq!(cell("<img src=x onerror=alert(1)>&amp;"), "&lt;img src=x onerror=alert(1)&gt;&amp;amp;");
        assert_eq!(cell("`code` *em* _em_ ~~s~~"), "\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~");
        assert_eq!(cell("![x](http://127.0.0.1/t.png)"), "!\\[x\\](http\\://127.0.0.1/t.png)");
        assert_eq!(cell("main.x\n| forged | row |\r"), "main.x \\| forged \\| row \\| ");
        assert_eq!(cell("main.(*T).f"), "main.(\\*T).f");
        assert_eq!(
            cell("=HYPERLINK(\"http://x\") www.x WWW.y"),
            "=HYPERLINK(\"http\\://x\") www\\.x WWW\\.y"
        );
    }

    #[test]
    fn value_columns_are_right_aligned() {
        let s = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let got = table(
            &s(&["Flat", "Name", "Inline"]),
            &[s(&["-1.5MB", "0x12", ""]), s(&["3", "main", "(inline)"])],
        );
        assert_eq!(
            got,
            "| Flat | Name | Inline |\n|---:|---|---|\n| -1.5MB | 0x12 |  |\n| 3 | main | (inline) |\n"
        );
    }
}
