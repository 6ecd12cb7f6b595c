//! A flame graph as a standalone SVG: callers above callees, boxes as wide as their value,
//! coloured by package (the web app's colours) or, for a diff, red where the target grew
//! and blue where it shrank, a distinct violet for stacks new in the target. Every name is
//! escaped (`escape::xml`); each box has a `<title>` tooltip. It scales with its viewBox.

use super::escape::xml::escape;
use crate::query::flame::FlameGraph;
use crate::query::StackView;
use crate::units::scaled_label;
use regex_lite::Regex;
use std::fmt::Write;

/// What to draw besides the boxes.
pub struct SvgOptions<'a> {
    pub title: &'a str,
    /// The sample type's unit, for tooltips.
    pub unit: &'a str,
    /// Width in px of the whole graph.
    pub width: f64,
    /// Boxes whose name matches are outlined, the others faded (a search).
    pub highlight: Option<&'a Regex>,
    /// Zoom: the box (index in the graph) whose subtree fills the width.
    pub root: Option<usize>,
    /// For a differential flame graph: each box's base and target value.
    pub diff: Option<(&'a [i64], &'a [i64])>,
}

const ROW: f64 = 16.0;
const TOP: f64 = 28.0;
/// Average glyph width of the 11px monospace font, to fit labels without measuring.
const GLYPH: f64 = 6.7;

pub fn render(g: &FlameGraph, view: &StackView, o: &SvgOptions) -> String {
    let n = g.key.len();
    let (x0, span) = match o.root {
        Some(r) if r < n => (g.start[r], g.width[r]),
        _ => (0.0, g.total),
    };
    let scale = if span > 0.0 { o.width / span } else { 0.0 };
    // Boxes are in depth-first order, so the zoomed subtree is one range.
    let zoom = match o.root {
        Some(r) if r < n => r..(r + 1..n).find(|&i| g.depth[i] <= g.depth[r]).unwrap_or(n),
        _ => 0..n,
    };
    let in_zoom = |i: usize| zoom.contains(&i);
    let zoom_ancestors: Vec<usize> = o.root.map(|r| ancestors(g, r)).unwrap_or_default();
    let max_depth = (0..n).filter(|&i| in_zoom(i)).map(|i| g.depth[i]).max().unwrap_or(0) as f64;
    let height = TOP + (max_depth + 1.0) * ROW + 4.0;
    let max_change =
        o.diff.map_or(0, |(b, t)| (0..n).map(|i| (t[i] - b[i]).unsigned_abs()).max().unwrap_or(0));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {height}" width="100%" font-family="monospace" font-size="11">"#,
        w = o.width
    );
    let _ = writeln!(s, r#"<text x="4" y="16" font-size="14">{}</text>"#, escape(o.title));
    for i in 0..n {
        let (x, w) = if zoom_ancestors.contains(&i) {
            (0.0, o.width)
        } else if in_zoom(i) {
            ((g.start[i] - x0) * scale, g.width[i] * scale)
        } else {
            continue;
        };
        if w < 0.5 {
            continue;
        }
        let name = view.name(g.key[i]);
        let y = TOP + g.depth[i] as f64 * ROW;
        let fill = match o.diff {
            Some((b, t)) => diff_color(b[i], t[i], max_change),
            None => package_color(name),
        };
        let matched = o.highlight.map(|re| re.is_match(name));
        let opacity = if matched == Some(false) { r#" fill-opacity="0.35""# } else { "" };
        let stroke = if matched == Some(true) { r##" stroke="#d0006f" stroke-width="1.5""## } else { "" };
        let mut tip = format!("{name}\n{}", scaled_label(g.value[i], o.unit, "auto"));
        if let Some((b, t)) = o.diff {
            let _ = write!(
                tip,
                " (base {} → target {})",
                scaled_label(b[i], o.unit, "auto"),
                scaled_label(t[i], o.unit, "auto")
            );
        }
        let _ = write!(
            s,
            r#"<g><title>{}</title><rect x="{x:.2}" y="{y}" width="{w:.2}" height="{h}" fill="{fill}"{opacity}{stroke}/>"#,
            escape(&tip),
            h = ROW - 1.0
        );
        let fits = ((w - 6.0) / GLYPH).floor() as usize;
        if fits >= 3 {
            let label: String = if name.chars().count() <= fits {
                name.to_string()
            } else {
                name.chars().take(fits - 1).chain(['…']).collect()
            };
            let _ = write!(s, r#"<text x="{:.2}" y="{}">{}</text>"#, x + 3.0, y + 11.5, escape(&label));
        }
        s.push_str("</g>\n");
    }
    s.push_str("</svg>\n");
    s
}

fn ancestors(g: &FlameGraph, node: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut p = g.parent.get(node).copied().unwrap_or(-1);
    while p >= 0 {
        out.push(p as usize);
        p = g.parent[p as usize];
    }
    out
}

/// Red where the target grew, blue where it shrank, stronger with the change; violet for
/// a stack the base did not have.
fn diff_color(base: i64, target: i64, max_change: u64) -> String {
    if base == 0 && target != 0 {
        return "#9b5de5".into();
    }
    let change = target - base;
    let t = if max_change == 0 { 0.0 } else { (change.unsigned_abs() as f64 / max_change as f64).sqrt() };
    let fade = |c: f64| (255.0 - (255.0 - c) * t).round() as u8;
    let (r, g, b) = if change >= 0 {
        (fade(214.0), fade(39.0), fade(40.0))
    } else {
        (fade(31.0), fade(119.0), fade(180.0))
    };
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// The web app's package colour (`www/src/views/colors.ts`): a hue from the package name.
pub fn package_color(name: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for u in package_of(name).encode_utf16() {
        h ^= u as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    let hue = (h % 360) as f64;
    let light = 0.62 + ((h >> 9) % 12) as f64 / 100.0;
    hsl_hex(hue, 0.55, light)
}

/// `net/http.(*conn).serve` -> `net/http`; `pkg.f file.go:12` -> `pkg`.
fn package_of(name: &str) -> &str {
    let n = name.split(' ').next().unwrap_or(name);
    // A leading space is not a separator (as in the web app's version).
    let n = if name.find(' ').is_some_and(|i| i > 0) { n } else { name };
    let slash = n.rfind('/');
    let from = slash.map_or(0, |i| i + 1);
    if let Some(dot) = n[from..].find('.').map(|d| d + from).filter(|&d| d > 0) {
        return &n[..dot];
    }
    if let Some(c) = n.find("::").filter(|&c| c > 0) {
        return &n[..c];
    }
    match slash {
        Some(i) if i > 0 => &n[..i],
        _ => n,
    }
}

fn hsl_hex(h: f64, s: f64, l: f64) -> String {
    let a = s * l.min(1.0 - l);
    let f = |n: f64| {
        let k = (n + h / 30.0) % 12.0;
        let v = l - a * (-1f64).max((k - 3.0).min(9.0 - k).min(1.0));
        (v * 255.0).round() as u8
    };
    format!("#{:02x}{:02x}{:02x}", f(0.0), f(8.0), f(4.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packages_and_escaping() {
        assert_eq!(package_of("net/http.(*conn).serve"), "net/http");
        assert_eq!(package_of("main.f main.go:12"), "main");
        assert_eq!(package_of("std::vec::Vec"), "std");
        assert_eq!(escape("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(diff_color(0, 5, 5), "#9b5de5");
        assert_eq!(diff_color(5, 10, 5), "#d62728");
        assert_eq!(diff_color(10, 5, 5), "#1f77b4");
    }
}
