#![cfg(not(target_arch = "wasm32"))]
//! Names chosen by whoever made the file, in each input form (a profile.proto made here, a
//! goroutine dump `?debug=2`, a heap profile `?debug=1`), through each of the CLI's exports:
//! the CSV opens as data (read back with a strict RFC 4180 reader), the Markdown renders
//! its names as text (GitHub's own renderer, cmark-gfm), the folded stacks forge no frame
//! and read back to the names, the SVG is well-formed XML with the names as text, and the
//! `.pb.gz` keeps the names byte for byte (read back by us and by `go tool pprof -raw`).
//! The page's exports are the same writers (`Session.tableText`, `folded`, `flameSvg`,
//! `exportProfile`); tests/e2e/safety.test.mjs downloads them from the page.

mod common;

use proflens::proto;
use proflens::report::escape::folded::frame_name;
use prost::Message;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Names a profile.proto can carry: any string, line breaks, tabs and control characters too.
const PROTO_NAMES: [&str; 12] = [
    r#"=HYPERLINK("http://127.0.0.1/x","click")"#,
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "main.x;evil;stack",
    "main.y\nmain.forged;frame\t100",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "\tTAB=1",
    "\r=CR",
    "<img src=x onerror=alert(1)>",
    "a|b\\c`d`*e*_f_[g](http://127.0.0.1/g)~~h~~ www.x.com ![i](http://127.0.0.1/i.png)",
    "-1234",
    "it's $(touch pwned) \u{1}",
];

/// Names a text form can carry: one line each, no tab (the dumps' separators).
const TEXT_NAMES: [&str; 8] = [
    r#"=HYPERLINK("http://127.0.0.1/x","click")"#,
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "main.x;evil;stack",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "<img src=x onerror=alert(1)>",
    "a|b\\c`d`*e*_f_[g](http://127.0.0.1/g)~~h~~ www.x.com",
    "it's $(touch pwned)",
];

/// A file to export, with the stacks it holds (root first).
struct Input {
    file: PathBuf,
    stacks: Vec<Vec<String>>,
}

fn owned(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A profile.proto: `main.main` calling every name in turn (100), and `main.main` alone (5).
/// `scale` multiplies the values (a base for a diff).
fn proto_bytes(scale: i64) -> Vec<u8> {
    let mut strings = owned(&["", "samples", "count", "main.main"]);
    strings.extend(owned(&PROTO_NAMES));
    let n = strings.len() as u64 - 3; // functions 1..=n: main.main, then the names
    let deep: Vec<u64> = (1..=n).rev().collect(); // leaf first
    let msg = proto::Profile {
        sample_type: vec![proto::ValueType { r#type: 1, unit: 2 }],
        sample: vec![
            proto::Sample { location_id: deep, value: vec![100 * scale], ..Default::default() },
            proto::Sample { location_id: vec![1], value: vec![5 * scale], ..Default::default() },
        ],
        function: (1..=n)
            .map(|i| proto::Function {
                id: i,
                name: 2 + i as i64,
                system_name: 2 + i as i64,
                ..Default::default()
            })
            .collect(),
        location: common::one_line_locations(n),
        string_table: strings,
        ..Default::default()
    };
    msg.encode_to_vec()
}

fn dir(test: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("proflens-hostile-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The three inputs, written in `dir`.
fn inputs(dir: &Path) -> Vec<Input> {
    let chain = |names: &[&str]| [vec!["main.main".to_string()], owned(names)].concat();
    let proto_file = dir.join("hostile.pb");
    std::fs::write(&proto_file, proto_bytes(1)).unwrap();

    // A goroutine dump: frames leaf first, so the last name is the leaf... reversed here.
    let mut dump = String::from("goroutine 1 [running]:\nmain.main()\n\t/app/main.go:5 +0x1\n\n");
    dump.push_str("goroutine 2 [select]:\n");
    for (i, n) in TEXT_NAMES.iter().enumerate().rev() {
        dump.push_str(&format!("{n}(0x1)\n\t/app/f{i}.go:{} +0x1\n", i + 1));
    }
    dump.push_str("main.main()\n\t/app/main.go:5 +0x1\n");
    let dump_file = dir.join("goroutine.txt");
    std::fs::write(&dump_file, dump).unwrap();

    // A heap profile ?debug=1: one record, leaf first.
    let addrs: Vec<String> = (0..=TEXT_NAMES.len()).map(|i| format!("{:#x}", 0x11 + 16 * i)).collect();
    let mut heap =
        format!("heap profile: 2: 2048 [3: 3072] @ heap/2048\n2: 2048 [3: 3072] @ {}\n", addrs.join(" "));
    for (i, n) in TEXT_NAMES.iter().rev().chain(["main.main"].iter()).enumerate() {
        heap.push_str(&format!("#\t{:#x}\t{n}+0x8\t/src/f{i}.go:{}\n", 0x10 + 16 * i, i + 1));
    }
    let heap_file = dir.join("heap.txt");
    std::fs::write(&heap_file, heap).unwrap();

    vec![
        Input { file: proto_file, stacks: vec![chain(&PROTO_NAMES), chain(&[])] },
        Input { file: dump_file, stacks: vec![chain(&TEXT_NAMES), chain(&[])] },
        Input { file: heap_file, stacks: vec![chain(&TEXT_NAMES)] },
    ]
}

impl Input {
    fn path(&self) -> &str {
        self.file.to_str().unwrap()
    }

    fn names(&self) -> BTreeSet<String> {
        self.stacks.iter().flatten().cloned().collect()
    }
}

fn proflens(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(args).output().unwrap();
    assert!(out.status.success(), "proflens {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The names of `top --format json`, in row order.
fn json_names(file: &str) -> Vec<String> {
    let json: serde_json::Value =
        serde_json::from_str(&proflens(&["top", file, "--format", "json"])).unwrap();
    json["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_string()).collect()
}

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes; anything
/// else (a quote inside a bare field, text after a closing quote) fails the test.
fn read_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    while chars.peek().is_some() {
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("an unterminated quoted field") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                assert!(c != '"' && c != '\n', "a bare field holds {c:?}: {text:?}");
                field.push(c);
                chars.next();
            }
        }
        row.push(std::mem::take(&mut field));
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF: {text:?}");
                rows.push(std::mem::take(&mut row));
            }
            other => panic!("{other:?} after a field: {text:?}"),
        }
    }
    rows
}

/// Whether a spreadsheet could read a cell as a formula: it starts with a tab or a CR, or
/// with `=`, `+`, `-` or `@` once leading whitespace is trimmed, and is not a plain number.
fn formula_like(cell: &str) -> bool {
    let number = cell.trim_end_matches('%').parse::<f64>().is_ok_and(|v| v.is_finite())
        && !cell.contains(|c: char| c.is_alphabetic() && c != 'e' && c != 'E');
    let first = cell.trim_start_matches([' ', '\n', '\t', '\r']);
    (cell.starts_with(['\t', '\r']) || first.starts_with(['=', '+', '-', '@'])) && !number
}

#[test]
fn csv_opens_as_data_in_each_input_form() {
    for input in inputs(&dir("csv")) {
        let rows = read_csv(&proflens(&["top", input.path(), "--format", "csv"]));
        let names = json_names(input.path());
        assert_eq!(rows.len(), names.len() + 1, "{}", input.path());
        let mut seen = BTreeSet::new();
        for (row, name) in rows[1..].iter().zip(&names) {
            assert_eq!(row.len(), rows[0].len(), "{row:?}");
            for cell in row {
                assert!(!formula_like(cell), "{cell:?} would run as a formula ({})", input.path());
            }
            // the name, behind a ' where it would have been a formula
            let shown = row[5].strip_prefix('\'').filter(|_| formula_like(name)).unwrap_or(&row[5]);
            assert_eq!(shown, name);
            seen.insert(name.clone());
            assert!(row[7].parse::<i64>().is_ok() && row[8].parse::<i64>().is_ok(), "{row:?}");
        }
        assert_eq!(seen, input.names(), "{}", input.path());
    }
}

#[test]
fn a_negative_delta_stays_a_number() {
    let d = dir("delta");
    let (target, base) = (d.join("target.pb"), d.join("base.pb"));
    std::fs::write(&target, proto_bytes(1)).unwrap();
    std::fs::write(&base, proto_bytes(3)).unwrap();
    let (target, base) = (target.to_str().unwrap(), base.to_str().unwrap());
    let rows = read_csv(&proflens(&["top", target, "--base", base, "--format", "csv"]));
    assert!(rows.len() > PROTO_NAMES.len(), "{rows:?}");
    for row in &rows[1..] {
        let (flat, cum): (i64, i64) = (row[7].parse().unwrap(), row[8].parse().unwrap());
        assert!(cum < 0 && flat <= 0, "{row:?}");
        assert!(!row[8].starts_with('\''), "{row:?}");
        // the scaled Cum of a count is the number itself
        assert_eq!(row[3], row[8], "{row:?}");
    }
}

/// The cells of each `<tr>` of cmark-gfm's HTML, entities decoded; a cell holding an
/// element (a link, an image, code, emphasis) fails the test.
fn html_cells(html: &str) -> Vec<Vec<String>> {
    let cell = |c: &str| {
        assert!(!c.contains('<'), "markup in a cell: {c:?}\n{html}");
        c.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    };
    let mut rows = Vec::new();
    for tr in html.split("<tr>").skip(1) {
        let tr = tr.split("</tr>").next().unwrap();
        // each cell is `<td>` or `<td align="right">`, then its text, then `</td>`
        let cells = tr
            .split("</t")
            .filter_map(|c| c.split_once("<t").map(|x| x.1))
            .map(|c| cell(c.split_once('>').unwrap().1));
        rows.push(cells.collect());
    }
    rows
}

#[test]
fn markdown_shows_names_as_text_on_github() {
    for input in inputs(&dir("md")) {
        let md = proflens(&["top", input.path(), "--format", "md"]);
        let out = Command::new("cmark-gfm")
            .args(["-e", "table", "-e", "strikethrough", "-e", "autolink", "-e", "tagfilter"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut c| {
                use std::io::Write;
                c.stdin.take().unwrap().write_all(md.as_bytes())?;
                c.wait_with_output()
            })
            .expect("cmark-gfm must be installed (scripts/setup.sh installs it)");
        let html = String::from_utf8(out.stdout).unwrap();
        let rows = html_cells(&html);
        let names = json_names(input.path());
        assert_eq!(rows.len(), names.len() + 1, "{html}");
        for (cells, name) in rows[1..].iter().zip(&names) {
            assert_eq!(cells.len(), rows[0].len(), "{cells:?}");
            // GitHub trims a cell; line breaks show as spaces
            assert_eq!(cells[5].trim(), name.replace(['\n', '\r'], " ").trim(), "{html}");
        }
    }
}

#[test]
fn folded_stacks_forge_no_frame_and_read_back_to_the_names() {
    for input in inputs(&dir("folded")) {
        let text = proflens(&["folded", input.path()]);
        let mut lines = text.lines();
        assert!(lines.next().unwrap().starts_with("# folded stacks"));
        let stacks: BTreeSet<Vec<String>> = lines
            .map(|l| {
                let (path, _values) = l.rsplit_once('\t').unwrap_or_else(|| panic!("no values: {l:?}"));
                path.split(';').map(|f| frame_name(f).into_owned()).collect()
            })
            .collect();
        assert_eq!(text.lines().count(), input.stacks.len() + 1, "{text}");
        assert_eq!(stacks, input.stacks.iter().cloned().collect(), "{text}");
        // our own folded reader reads the file back to the same names
        let back =
            dir("folded").join(format!("{}.folded", input.file.file_name().unwrap().to_string_lossy()));
        std::fs::write(&back, &text).unwrap();
        let names: BTreeSet<String> = json_names(back.to_str().unwrap()).into_iter().collect();
        assert_eq!(names, input.names(), "{text}");
    }
}

#[test]
fn svg_is_well_formed_with_names_as_text() {
    let d = dir("svg");
    for input in inputs(&d) {
        let svg = d.join("flame.svg");
        proflens(&["flame", input.path(), "-o", svg.to_str().unwrap()]);
        let script = "import sys, json, xml.etree.ElementTree as E\n\
            root = E.parse(sys.argv[1]).getroot()\n\
            print(json.dumps({'tags': sorted({e.tag.split('}')[-1] for e in root.iter()}),\n\
                'titles': [t.text for t in root.iter('{http://www.w3.org/2000/svg}title')]}))";
        let out = Command::new("python3").args(["-c", script, svg.to_str().unwrap()]).output().unwrap();
        assert!(out.status.success(), "not well-formed XML: {}", String::from_utf8_lossy(&out.stderr));
        let got: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let tags: Vec<&str> = got["tags"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        assert!(
            tags.iter().all(|t| ["svg", "g", "rect", "text", "title", "style", "defs"].contains(t)),
            "{tags:?}"
        );
        let titles: Vec<&str> =
            got["titles"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
        for name in input.names() {
            // XML has no CR nor C0 controls but tab and LF: those show as U+FFFD
            let shown: String = name
                .chars()
                .map(|c| if c < ' ' && c != '\n' && c != '\t' { '\u{FFFD}' } else { c })
                .collect();
            assert!(titles.iter().any(|t| t.starts_with(&shown)), "{shown:?} in {titles:?}");
        }
    }
}

#[test]
fn pb_gz_keeps_the_names_byte_for_byte() {
    let d = dir("pb");
    for input in inputs(&d) {
        let out = d.join("out.pb.gz");
        proflens(&["export", input.path(), "-o", out.to_str().unwrap()]);
        let p = proflens::decode(&std::fs::read(&out).unwrap()).unwrap();
        let back: BTreeSet<String> = p.functions.iter().map(|f| p.str(f.name).to_string()).collect();
        assert_eq!(back, input.names(), "{}", input.path());
        let raw = common::pprof::pprof_raw(&out);
        for name in input.names() {
            assert!(raw.contains(&name), "go tool pprof -raw shows {name:?}: {raw}");
        }
    }
}

/// Deterministic xorshift, as tests/fuzz.rs has.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Random names over the characters each format cares about: every cell reads back from
/// the CSV (with its `'` where it would be a formula), no Markdown cell holds a line break
/// or an unescaped pipe, and every folded frame is one line, one frame, and reads back.
#[test]
fn escapes_hold_for_random_names() {
    use proflens::report::escape::{csv, folded, markdown};
    const ALPHABET: [&str; 22] = [
        "=", "+", "-", "@", "\t", "\r", "\n", " ", ";", ",", "\"", "'", "|", "\\", "`", "*", "1", ".", "e",
        "%", "a", "é",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..20_000 {
        let name: String = (0..rng.below(8)).map(|_| ALPHABET[rng.below(ALPHABET.len())]).collect();
        let read = read_csv(&format!("{},x\r\n", csv::cell(&name)));
        let cell = &read[0][0];
        assert!(!formula_like(cell), "{name:?} -> {cell:?}");
        assert!(cell == &name || cell.strip_prefix('\'') == Some(&name), "{name:?} -> {cell:?}");
        let md = markdown::cell(&name);
        assert!(!md.contains(['\n', '\r']), "{name:?} -> {md:?}");
        assert!(!unescaped_pipe(&md), "{name:?} -> {md:?}");
        let f = folded::frame(&name);
        assert!(!f.contains([';', '\n', '\r']), "{name:?} -> {f:?}");
        assert_eq!(folded::frame_name(&f), name);
    }
}

/// Whether `md` holds a `|` not escaped by a backslash (itself not escaped).
fn unescaped_pipe(md: &str) -> bool {
    let mut escaped = false;
    for c in md.chars() {
        if c == '|' && !escaped {
            return true;
        }
        escaped = c == '\\' && !escaped;
    }
    false
}
