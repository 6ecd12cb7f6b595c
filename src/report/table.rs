//! The top table as CSV and as Markdown, for spreadsheets and for pull requests.
//!
//! Both carry the numbers `-top` prints (scaled with the table's unit, pprof's
//! percentages) and, in two extra columns, the exact integer values in the sample
//! type's unit, so nothing is lost to rounding. The web app's export writes the same
//! columns (see `www/src/export/table.ts`) and hands its cells to the same writers
//! (`from_cells`), so a CSV from either side reads the same.

use super::escape;
use super::top_text::table_unit;
use crate::model::Profile;
use crate::query::{StackView, Top};
use crate::units::{percentage, scaled_label};

/// A table of text cells: a header and rows of the same width.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The top table's cells: Flat, Flat%, Sum%, Cum, Cum%, Name, Inline, then the exact
/// flat and cum (their headers name the unit, e.g. `Flat (bytes)`).
pub fn top_table(p: &Profile, view: &StackView, top: &Top) -> Table {
    let unit = p.str(p.sample_types[top.sample_index].unit);
    let out_unit = table_unit(top, unit);
    let fmt = |v: i64| scaled_label(v, unit, &out_unit);
    let pct = |v: i64| percentage(v, top.total).trim().to_string();
    let mut running = 0i64;
    let rows = top
        .rows
        .iter()
        .map(|r| {
            running = running.wrapping_add(r.flat);
            vec![
                fmt(r.flat),
                pct(r.flat),
                pct(running),
                fmt(r.cum),
                pct(r.cum),
                view.name(r.key).to_string(),
                r.inline.label().to_string(),
                r.flat.to_string(),
                r.cum.to_string(),
            ]
        })
        .collect();
    let header = ["Flat", "Flat%", "Sum%", "Cum", "Cum%", "Name", "Inline"]
        .iter()
        .map(|s| s.to_string())
        .chain([format!("Flat ({unit})"), format!("Cum ({unit})")])
        .collect();
    Table { header, rows }
}

/// The table as CSV that opens as data (see `escape::csv`).
pub fn csv(t: &Table) -> String {
    escape::csv::document(std::iter::once(&t.header[..]).chain(t.rows.iter().map(|r| &r[..])))
}

/// The table as GitHub-flavoured Markdown that shows names as text (see `escape::markdown`).
pub fn markdown(t: &Table) -> String {
    escape::markdown::table(&t.header, &t.rows)
}

/// A table the page hands over as cells, `width` a row, the header first: the page's
/// table exports go through the same writers as the CLI's.
pub fn from_cells(width: usize, mut cells: Vec<String>) -> Option<Table> {
    if width == 0 || cells.len() < width || cells.len() % width != 0 {
        return None;
    }
    let rows = cells.split_off(width).chunks(width).map(|r| r.to_vec()).collect();
    Some(Table { header: cells, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(rows: &[&[&str]]) -> Table {
        let v = |r: &[&str]| r.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Table { header: v(rows[0]), rows: rows[1..].iter().map(|r| v(r)).collect() }
    }

    #[test]
    fn csv_quotes_only_what_needs_it() {
        let got = csv(&t(&[&["Flat", "Name"], &["1.5MB", "main.(*T).f"], &["0", "a,b \"c\""]]));
        assert_eq!(got, "Flat,Name\r\n1.5MB,main.(*T).f\r\n0,\"a,b \"\"c\"\"\"\r\n");
    }

    #[test]
    fn markdown_escapes_pipes_and_markup() {
        let got = markdown(&t(&[&["Flat", "Name"], &["3", "<img src=x onerror=alert(1)>|x"]]));
        assert_eq!(got, "| Flat | Name |\n|---:|---|\n| 3 | &lt;img src=x onerror=alert(1)&gt;\\|x |\n");
    }
}
