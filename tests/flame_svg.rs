#![cfg(not(target_arch = "wasm32"))]
//! The SVG flame graph: well-formed XML (checked by Python's XML parser), names escaped,
//! one box per visible frame, diff colours.

mod common;

use common::corpus;
use proflens::model::text::profile_from_text;
use proflens::query::flame::flame;
use proflens::query::{Granularity, StackView};
use proflens::report::flame_svg::{render, SvgOptions};
use std::process::Command;

fn parses_as_xml(svg: &str) {
    let path = std::env::temp_dir().join(format!("proflens-svg-{}.svg", svg.len()));
    std::fs::write(&path, svg).unwrap();
    let out = Command::new("python3")
        .args(["-c", "import sys, xml.dom.minidom as m; m.parse(sys.argv[1])", &path.display().to_string()])
        .output()
        .unwrap();
    assert!(out.status.success(), "not well-formed XML: {}", String::from_utf8_lossy(&out.stderr));
}

fn options<'a>(title: &'a str, diff: Option<(&'a [i64], &'a [i64])>) -> SvgOptions<'a> {
    SvgOptions { title, unit: "count", width: 1200.0, highlight: None, root: None, diff }
}

#[test]
fn hostile_names_are_text_and_every_visible_frame_is_a_box() {
    let p = profile_from_text(
        &[("samples", "count")],
        "main;<script>alert(1)</script> 30\nmain;b&c 10\nmain;tiny 1",
    );
    let view = StackView::new(&p, Granularity::Functions);
    let g = flame(&p, &view, 0);
    let svg = render(&g, &view, &options("a \"title\" <x>", None));
    parses_as_xml(&svg);
    assert!(!svg.contains("<script>"), "{svg}");
    assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(svg.contains("b&amp;c"));
    // main, the script frame, b&c and tiny: 1/41 of 1200 px is still wider than half a pixel.
    assert_eq!(svg.matches("<rect").count(), 4, "{svg}");
}

#[test]
fn cli_writes_a_flame_and_a_differential_flame() {
    let dir = std::env::temp_dir();
    let (cpu, diff) = (dir.join("proflens-cpu.svg"), dir.join("proflens-diff.svg"));
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_proflens")).args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    };
    let c = |rel: &str| corpus().join(rel).display().to_string();
    run(&["flame", &c("go/cpu.pb.gz"), "--search", "checksum", "-o", cpu.to_str().unwrap()]);
    run(&[
        "flame",
        &c("go/heap_t2.pb.gz"),
        "--diff-base",
        &c("go/heap_t0.pb.gz"),
        "-o",
        diff.to_str().unwrap(),
    ]);
    let cpu = std::fs::read_to_string(cpu).unwrap();
    let diff = std::fs::read_to_string(diff).unwrap();
    parses_as_xml(&cpu);
    parses_as_xml(&diff);
    assert!(cpu.contains(">main.checksum<") && cpu.contains("stroke=\"#d0006f\""), "the search is outlined");
    // main.newItem grew by most of the growth: a strong red.
    let item = diff.lines().find(|l| l.contains(">main.newItem<")).unwrap();
    let fill = item.split("fill=\"#").nth(1).unwrap();
    let channel = |i: usize| u8::from_str_radix(&fill[i..i + 2], 16).unwrap();
    assert!(channel(0) > 0xc0 && channel(2) < 0x60, "{item}");
}
